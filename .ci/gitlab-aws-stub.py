#!/usr/bin/env python3
"""A small stand-in for the parts of GitLab and AWS that .ci/pipeline-test's pipeline calls, on 127.0.0.1.

GitLab: merge requests per project (list filtered by state and branches, create, update, close, note) and the generic package registry (PUT and GET of the
reviewed plans). AWS Query API: STS GetCallerIdentity, Auto Scaling scheduled actions and scaling policies,
CloudWatch metric alarms; it stores what is put and describes it back, nothing more. Usage: stub.py PORTFILE
"""
import json, re, sys, threading, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

packages, actions, policies, alarms, mrs = {}, {}, {}, {}, {}
lock = threading.Lock()
ASG = "https://autoscaling.amazonaws.com/doc/2011-01-01/"
CW = "http://monitoring.amazonaws.com/doc/2010-08-01/"


def project(path):
    """The project id or path of a /projects/<id>/merge_requests... path ('' when there is none)."""
    m = re.search(r"/projects/([^/]+)/", path)
    return urllib.parse.unquote(m.group(1)) if m else ""


def esc(v):
    return str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def members(params, prefix):
    out, i = [], 1
    while f"{prefix}.member.{i}" in params:
        out.append(params[f"{prefix}.member.{i}"]); i += 1
    return out


def fields(p, names):
    return "".join(f"<{n}>{esc(p[n])}</{n}>" for n in names if n in p)


def aws(params):
    a = params.get("Action", "")
    with lock:
        if a == "GetCallerIdentity":
            return ("https://sts.amazonaws.com/doc/2011-06-15/", "<Arn>arn:aws:iam::123456789012:user/ci</Arn>"
                    "<UserId>AIDASTUB</UserId><Account>123456789012</Account>")
        if a == "PutScheduledUpdateGroupAction":
            actions[(params["AutoScalingGroupName"], params["ScheduledActionName"])] = dict(params); return (ASG, "")
        if a == "DeleteScheduledAction":
            actions.pop((params["AutoScalingGroupName"], params["ScheduledActionName"]), None); return (ASG, "")
        if a == "DescribeScheduledActions":
            names = members(params, "ScheduledActionNames")
            found = [p for (g, n), p in actions.items() if g == params.get("AutoScalingGroupName", g) and (not names or n in names)]
            body = "".join("<member>" + fields(p, ["AutoScalingGroupName", "ScheduledActionName", "StartTime", "EndTime",
                           "Recurrence", "MinSize", "MaxSize", "DesiredCapacity", "TimeZone"])
                           + f"<ScheduledActionARN>arn:aws:autoscaling:us-east-1:123456789012:scheduledUpdateGroupAction:x:autoScalingGroupName/{esc(p['AutoScalingGroupName'])}:scheduledActionName/{esc(p['ScheduledActionName'])}</ScheduledActionARN></member>"
                           for p in found)
            return (ASG, f"<ScheduledUpdateGroupActions>{body}</ScheduledUpdateGroupActions>")
        if a == "PutScalingPolicy":
            arn = f"arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x:autoScalingGroupName/{params['AutoScalingGroupName']}:policyName/{params['PolicyName']}"
            policies[(params["AutoScalingGroupName"], params["PolicyName"])] = dict(params, PolicyARN=arn)
            return (ASG, f"<PolicyARN>{esc(arn)}</PolicyARN>")
        if a == "DeletePolicy":
            policies.pop((params["AutoScalingGroupName"], params["PolicyName"]), None); return (ASG, "")
        if a == "DescribePolicies":
            names = members(params, "PolicyNames")
            found = [p for (g, n), p in policies.items() if g == params.get("AutoScalingGroupName", g) and (not names or n in names)]
            body = ""
            for p in found:
                steps, i = "", 1
                while f"StepAdjustments.member.{i}.ScalingAdjustment" in p:
                    steps += "<member>" + "".join(
                        f"<{k}>{esc(p[f'StepAdjustments.member.{i}.{k}'])}</{k}>" for k in
                        ["MetricIntervalLowerBound", "MetricIntervalUpperBound", "ScalingAdjustment"]
                        if f"StepAdjustments.member.{i}.{k}" in p) + "</member>"
                    i += 1
                body += ("<member>" + fields(p, ["AutoScalingGroupName", "PolicyName", "PolicyARN", "PolicyType",
                         "AdjustmentType", "MetricAggregationType", "EstimatedInstanceWarmup", "Cooldown",
                         "MinAdjustmentMagnitude", "ScalingAdjustment"])
                         + f"<StepAdjustments>{steps}</StepAdjustments><Alarms/><Enabled>true</Enabled></member>")
            return (ASG, f"<ScalingPolicies>{body}</ScalingPolicies>")
        if a == "PutMetricAlarm":
            alarms[params["AlarmName"]] = dict(params); return (CW, "")
        if a == "DeleteAlarms":
            for n in members(params, "AlarmNames"):
                alarms.pop(n, None)
            return (CW, "")
        if a == "DescribeAlarms":
            names = members(params, "AlarmNames")
            body = ""
            for n, p in alarms.items():
                if names and n not in names:
                    continue
                acts = "".join(f"<member>{esc(v)}</member>" for v in members(p, "AlarmActions"))
                dims, i = "", 1
                while f"Dimensions.member.{i}.Name" in p:
                    dims += f"<member><Name>{esc(p[f'Dimensions.member.{i}.Name'])}</Name><Value>{esc(p[f'Dimensions.member.{i}.Value'])}</Value></member>"
                    i += 1
                body += ("<member>" + fields(p, ["AlarmName", "AlarmDescription", "ComparisonOperator", "EvaluationPeriods",
                         "DatapointsToAlarm", "MetricName", "Namespace", "Period", "Statistic", "Threshold",
                         "TreatMissingData", "ActionsEnabled"])
                         + f"<AlarmArn>arn:aws:cloudwatch:us-east-1:123456789012:alarm:{esc(n)}</AlarmArn>"
                         + f"<AlarmActions>{acts}</AlarmActions><Dimensions>{dims}</Dimensions></member>")
            return (CW, f"<MetricAlarms>{body}</MetricAlarms>")
        if a in ("ListTagsForResource", "DescribeTags"):
            return (CW if a == "ListTagsForResource" else ASG, "<Tags/>")
    return None


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("stub: " + (fmt % args) + "\n")

    def send(self, code, body=b"", ctype="application/json"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        if "/packages/generic/" in path:
            data = packages.get(path)
            return self.send(200, data, "application/octet-stream") if data is not None else self.send(404, b"{}")
        if path.endswith("/merge_requests"):
            q = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query).items()}
            found = [mr for mr in mrs.values() if mr["project"] == project(path)
                     and all(q.get(k) in (None, "", "all", mr[k]) for k in ("state", "source_branch", "target_branch"))]
            return self.send(200, json.dumps(found).encode())
        self.send(404, b"{}")

    def do_PUT(self):
        path = urllib.parse.urlparse(self.path).path
        data = self.body()
        if "/packages/generic/" in path:
            packages[path] = data
            return self.send(201, b'{"message":"201 Created"}')
        m = re.search(r"/merge_requests/(\d+)$", path)
        key = (project(path), int(m.group(1))) if m else None
        if key in mrs:
            change = json.loads(data or b"{}")
            mrs[key].update({k: v for k, v in change.items() if k in ("title", "description")})
            if change.get("state_event") == "close":
                mrs[key]["state"] = "closed"
                print(f"stub: closed merge request !{key[1]} {mrs[key]['source_branch']}", file=sys.stderr)
            return self.send(200, json.dumps(mrs[key]).encode())
        self.send(404, b"{}")

    def do_POST(self):
        path = urllib.parse.urlparse(self.path).path
        data = self.body()
        if path.endswith("/merge_requests"):
            req = json.loads(data)
            iid = sum(1 for p, _ in mrs if p == project(path)) + 1
            mrs[(project(path), iid)] = {"iid": iid, "project": project(path), "source_branch": req["source_branch"],
                                         "target_branch": req["target_branch"], "title": req.get("title", ""),
                                         "labels": [], "state": "opened", "web_url": f"http://stub/merge_requests/{iid}"}
            print(f"stub: opened merge request !{iid} {req['source_branch']} -> {req['target_branch']}"
                  f" (project {project(path)})", file=sys.stderr)
            return self.send(201, json.dumps(mrs[(project(path), iid)]).encode())
        if path.endswith("/notes"):
            return self.send(201, b'{"id":1}')
        params = {k: v[0] for k, v in urllib.parse.parse_qs(data.decode(), keep_blank_values=True).items()}
        answer = aws(params)
        if answer is None:
            self.log_message("unsupported AWS action %s", params.get("Action"))
            return self.send(400, b"<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>", "text/xml")
        ns, inner = answer
        action = params["Action"]
        xml = (f'<{action}Response xmlns="{ns}"><{action}Result>{inner}</{action}Result>'
               f"<ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></{action}Response>")
        self.send(200, xml.encode(), "text/xml")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()
