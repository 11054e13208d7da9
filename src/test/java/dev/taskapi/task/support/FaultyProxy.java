package dev.taskapi.task.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a DynamoDB endpoint that can be told to fail: the real network faults a
 * function meets when DynamoDB is down, slow or throttling, without mocking the SDK. Switching
 * modes drops every open connection, so pooled keep-alive connections meet the new mode too.
 */
public final class FaultyProxy implements AutoCloseable {

    /** What the proxy does with each connection, or each request on it. */
    public enum Mode {
        /** Passes bytes both ways: DynamoDB as it is. */
        PASS,
        /** Accepts, then resets the connection at once: a host that is up with nothing listening. */
        RESET,
        /** Accepts and reads, never answers: a hung or partitioned DynamoDB. */
        BLACKHOLE,
        /** Answers every request as DynamoDB does when it throttles. */
        THROTTLE,
        /** Answers every request as DynamoDB does when it refuses an item as too large. */
        REJECT,
        /**
         * Passes every request but the writes of a whole task item (a PutItem carrying
         * {@code owner_status}), which it answers as throttled: a failure in the middle of a create.
         */
        THROTTLE_TASK_PUTS
    }

    static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}";
    static final String REJECTED = "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
            + "\"message\":\"Item size has exceeded the maximum allowed size\"}";

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;

    private FaultyProxy(URI upstream, ServerSocket server) {
        this.upstream = upstream;
        this.server = server;
    }

    /** Starts a proxy to {@code upstream} on a free port of the loopback interface, passing everything. */
    public static FaultyProxy start(URI upstream) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultyProxy proxy = new FaultyProxy(upstream, server);
            proxy.threads.execute(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Switches to {@code next} and drops every open connection. */
    public void mode(Mode next) {
        mode = next;
        dropAll();
    }

    /** The connections (RESET, BLACKHOLE) or requests (THROTTLE, REJECT) met since the last reset. */
    public int attempts() {
        return attempts.get();
    }

    public void resetAttempts() {
        attempts.set(0);
    }

    @Override
    public void close() {
        closeQuietly(server);
        dropAll();
        threads.shutdownNow();
    }

    private void dropAll() {
        open.forEach(FaultyProxy::closeQuietly);
        open.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Mode now = mode;
                threads.execute(() -> handle(client, now));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client, Mode now) {
        try {
            switch (now) {
                case PASS -> pass(client);
                case RESET -> {
                    attempts.incrementAndGet();
                    client.setSoLinger(true, 0);
                    client.close();
                }
                case BLACKHOLE -> {
                    attempts.incrementAndGet();
                    client.getInputStream().transferTo(OutputStream.nullOutputStream());
                }
                case THROTTLE -> answerEveryRequest(client, THROTTLED);
                case REJECT -> answerEveryRequest(client, REJECTED);
                case THROTTLE_TASK_PUTS -> passRequestsBut(client,
                        request -> request.contains("DynamoDB_20120810.PutItem") && request.contains("\"owner_status\""));
            }
        } catch (IOException dropped) {
            // The client or a mode switch closed the connection.
        } finally {
            open.remove(client);
            closeQuietly(client);
        }
    }

    private void pass(Socket client) throws IOException {
        try (Socket target = new Socket()) {
            target.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 2000);
            open.add(target);
            threads.execute(() -> pump(target, client));
            pump(client, target);
        }
    }

    private void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException dropped) {
            // One side is gone.
        } finally {
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /**
     * Relays requests one by one to DynamoDB and back, except those {@code throttled} picks, which
     * it answers as throttled itself.
     */
    private void passRequestsBut(Socket client, java.util.function.Predicate<String> throttled) throws IOException {
        try (Socket target = new Socket()) {
            target.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 2000);
            open.add(target);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] request;
            while ((request = readMessage(in)) != null) {
                if (throttled.test(new String(request, StandardCharsets.UTF_8))) {
                    attempts.incrementAndGet();
                    byte[] body = THROTTLED.getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\n"
                            + "Content-Length: " + body.length + "\r\nx-amzn-RequestId: FAULTYPROXY\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                } else {
                    target.getOutputStream().write(request);
                    out.write(readMessage(target.getInputStream()));
                }
                out.flush();
            }
        }
    }

    /** One HTTP/1.1 message with a Content-Length body (all DynamoDB and dynalite send), or null at the end. */
    private static byte[] readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            message.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : message.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        message.write(in.readNBytes(length));
        return message.toByteArray();
    }

    /** Reads requests one after the other on a keep-alive connection and answers each with a 400. */
    private void answerEveryRequest(Socket client, String error) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] body = error.getBytes(StandardCharsets.UTF_8);
        while (skipRequest(in)) {
            attempts.incrementAndGet();
            String head = "HTTP/1.1 400 Bad Request\r\n"
                    + "Content-Type: application/x-amz-json-1.0\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "x-amzn-RequestId: FAULTYPROXY\r\n"
                    + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
    }

    /** Reads one HTTP/1.1 request with a Content-Length body; false at the end of the stream. */
    private static boolean skipRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        in.skipNBytes(length);
        return true;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is all we wanted.
        }
    }
}
