package dev.taskapi.task.repository;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Lets the url-connection client send each DynamoDB request in one write, which saves about a
 * millisecond per call (a hot GetItem against the local DynamoDB: 1.5 ms before, 0.3 ms after).
 * <p>
 * Given a Content-Length header, the client switches {@code HttpURLConnection} to fixed-length
 * streaming, and before streaming a POST over a kept-alive connection the JDK checks that the
 * connection is still open with a read that waits 1 ms ({@code sun.net.www.http.HttpClient.available}),
 * on every call. Without the header, {@code HttpURLConnection} buffers the body (DynamoDB's are
 * small) and sends the same Content-Length itself, so the bytes on the wire are the same. Removed
 * here, before signing, the header is simply not among the signed ones, which SigV4 allows.
 */
final class OneWriteRequests implements ExecutionInterceptor {

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        return request.firstMatchingHeader("Content-Length").isPresent()
                ? request.toBuilder().removeHeader("Content-Length").build()
                : request;
    }
}
