"""The benchmark's Python peer: the tutorial's stack (Python 3, boto3) doing one DynamoDB GetItem by
id per request, behind a minimal Lambda runtime loop on the Runtime API (AWS_LAMBDA_RUNTIME_API),
as Lambda's Python runtime would run a handler. Events are API Gateway HTTP API (payload 2.0) ones
for GET /items/{id}.

Environment: TABLE_NAME, DYNAMODB_ENDPOINT (the local DynamoDB), FLOOR_OWNER (the partition the
item is in), plus the AWS_* variables Lambda sets.
"""
import http.client
import json
import os

import boto3

TABLE = os.environ.get("TABLE_NAME", "Tasks")
OWNER = os.environ.get("FLOOR_OWNER", "bench")
# Made at init, as a Lambda handler module makes its clients: reused by every invocation.
DYNAMO = boto3.client("dynamodb", endpoint_url=os.environ.get("DYNAMODB_ENDPOINT"))


def handler(event, context):
    item_id = event["rawPath"].rsplit("/", 1)[-1]
    item = DYNAMO.get_item(TableName=TABLE, Key={"owner": {"S": OWNER}, "id": {"S": item_id}},
                           ConsistentRead=True).get("Item")
    if not item:
        return {"statusCode": 404, "headers": {"content-type": "application/json"}, "body": "{}"}
    body = {"id": item["id"]["S"], "title": item["title"]["S"], "status": item["status"]["S"]}
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def main():
    host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
    # One kept-alive connection, as Lambda's own runtime clients keep.
    runtime = http.client.HTTPConnection(host, int(port))
    base = "/2018-06-01/runtime/invocation/"
    while True:
        runtime.request("GET", base + "next")
        response = runtime.getresponse()
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        event = json.loads(response.read())
        try:
            result, outcome = json.dumps(handler(event, None)), "response"
        except Exception as error:  # reported to the Runtime API, as the managed runtime does
            result, outcome = json.dumps({"errorMessage": str(error), "errorType": type(error).__name__}), "error"
        runtime.request("POST", base + request_id + "/" + outcome, body=result.encode(),
                        headers={"Content-Type": "application/json"})
        runtime.getresponse().read()


if __name__ == "__main__":
    main()
