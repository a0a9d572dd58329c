"""`souple serve` against the real process on a loopback port: every endpoint, bad input,
concurrency (results identical to the CLI's), bearer tokens and graceful stop.

Run by ctest ("server: end-to-end") with SOUPLE_BIN and SOUPLE_SOURCE_DIR set.
"""
import concurrent.futures
import hashlib
import http.client
import json
import re
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import yaml  # python3-yaml

BIN = os.path.abspath(os.environ.get("SOUPLE_BIN", "build/cli/souple"))
ROOT = os.path.abspath(os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd()))
EXAMPLES = os.path.join(ROOT, "examples")
AS_OF = "2026-12-01"


def read(path):
    with open(path) as f:
        return f.read()


def activity_json(name):
    with open(os.path.join(EXAMPLES, name)) as f:
        return json.dumps(yaml.safe_load(f), default=str)


class Server:
    def __init__(self, *args):
        self.dir = tempfile.TemporaryDirectory()
        port_file = os.path.join(self.dir.name, "port")
        env = dict(os.environ)
        env.pop("SOUPLE_HOME", None)
        self.proc = subprocess.Popen([BIN, "serve", "--port", "0", "--port-file", port_file, *args],
                                     stderr=subprocess.PIPE, cwd=ROOT, env=env)
        deadline = time.time() + 30
        while not (os.path.exists(port_file) and read(port_file).strip()):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("server did not start: " + self.proc.stderr.read().decode())
            time.sleep(0.05)
        self.port = int(read(port_file))

    def request(self, method, path, body=None, content_type="application/json", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = dict(headers or {})
        if body is not None:
            h["Content-Type"] = content_type
        conn.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=h)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, r.getheader("Content-Type"), data

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        self.proc.stderr.close()
        self.dir.cleanup()
        return code


class Endpoints(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--max-body", "2000000")

    @classmethod
    def tearDownClass(cls):
        cls.assertEqual(unittest.TestCase(), cls.server.stop(), 0)

    def test_health_readiness_release_policies(self):
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)
        status, _, body = self.server.request("GET", "/readyz")
        self.assertEqual(status, 200)
        self.assertTrue(json.loads(body)["policy_set_hash"].startswith("sha256:"))
        release = json.loads(self.server.request("GET", "/v1/release")[2])
        self.assertIsNone(release["release_id"])  # the bundled set
        status, _, body = self.server.request("GET", "/v1/policies?as_of=2020-11-18")
        self.assertEqual(status, 200)
        policies = {(p["id"], p["version"]): p for p in json.loads(body)["policies"]}
        self.assertFalse(policies[("cnil.retention.commercial", "2021.1")]["in_force"])
        self.assertTrue(policies[("gdpr.principles", "2018.1")]["in_force"])
        self.assertEqual(self.server.request("GET", "/v1/policies?as_of=2020-13-01")[0], 400)

    def test_evaluate_gives_the_cli_result(self):
        body = activity_json("credit-scoring.yaml")
        status, ctype, data = self.server.request("POST", "/v1/evaluate?as_of=" + AS_OF, body)
        self.assertEqual((status, ctype), (200, "application/json"))
        served = json.loads(data)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(body)
        try:
            cli = json.loads(subprocess.run([BIN, "eval", "--format", "json", "--as-of", AS_OF, f.name],
                                            capture_output=True, cwd=ROOT).stdout)
        finally:
            os.unlink(f.name)
        for doc in (served, cli):
            doc["activity"].pop("file")
            for finding in doc["findings"]:
                for fact in finding["facts"]:
                    fact.pop("location", None)
        self.assertEqual(served, cli)

    def test_batch_and_selection(self):
        batch = "[" + activity_json("newsletter.yaml") + "," + activity_json("hr-recruitment.yaml") + "]"
        status, _, data = self.server.request("POST", "/v1/evaluate?as_of=" + AS_OF + "&policy=gdpr.*&policy=cnil.retention.*", batch)
        self.assertEqual(status, 200)
        docs = json.loads(data)
        self.assertEqual([d["activity"]["id"] for d in docs], ["NL-1", json.loads(activity_json("hr-recruitment.yaml"))["activity"]["id"]])
        listed = {p["id"]: p["reason_code"] for p in docs[0]["policies"]}
        self.assertEqual(listed["cnil.ai.security"], "not_selected")
        self.assertTrue(all(f["policy"]["id"].startswith(("gdpr.", "cnil.retention.")) for d in docs for f in d["findings"]))

    def test_bad_input_is_a_coded_json_error(self):
        cases = [
            ("POST", "/v1/evaluate", "{not json", "application/json", 400, "malformed-document"),
            ("POST", "/v1/evaluate", "activity: {}", "application/yaml", 415, "unsupported-media-type"),
            ("POST", "/v1/evaluate", json.dumps({"activity": {"id": "A", "name": "N"}, "organisation": {"role": "boss"}}),
             "application/json", 422, "E4004"),
            ("POST", "/v1/evaluate", "[" + ",".join(["{}"] * 101) + "]", "application/json", 413, "batch-too-large"),
            ("POST", "/v1/evaluate", "x" * 2000001, "application/json", 413, "payload-too-large"),
            ("GET", "/v1/nothing", None, None, 404, "not-found"),
            ("GET", "/v1/evaluate", None, None, 405, "method-not-allowed"),
        ]
        for method, path, body, ctype, status, code in cases:
            with self.subTest(code=code):
                got, gtype, data = self.server.request(method, path, body, ctype)
                self.assertEqual(got, status, data[:300])
                self.assertEqual(gtype, "application/json")
                error = json.loads(data)["error"]
                self.assertEqual(error["code"], code)
                if code.startswith("E"):
                    self.assertEqual(error["diagnostics"][0]["location"]["file"], "request")

    def test_bytes_that_are_not_utf8_in_the_request_line(self):
        # Found by fuzz_http: a method or path that is not UTF-8 is echoed in the error
        # message; the JSON writer threw on it and the client got a 500.
        import socket
        for line in (b"D\xff\xff ELETE /v1/evaluate HTTP/1.1", b"GET /v1/\xff\xfe HTTP/1.1",
                     b"GET /v1/policies?policy=\xff HTTP/1.1"):
            with self.subTest(line=line):
                with socket.create_connection(("127.0.0.1", self.server.port), timeout=30) as s:
                    s.sendall(line + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    data = b""
                    while chunk := s.recv(65536):
                        data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                status = int(head.split(b" ")[1])
                self.assertNotEqual(status, 500, data[:400])
                if body:
                    json.loads(body.decode("utf-8"))  # valid UTF-8, well-formed JSON

    def test_check_a_policy(self):
        good = read(os.path.join(ROOT, "policies", "gdpr", "dpo.souple"))
        status, _, data = self.server.request("POST", "/v1/check?file=dpo.souple", good, "text/plain")
        self.assertEqual((status, json.loads(data)["ok"]), (200, True))
        status, _, data = self.server.request("POST", "/v1/check", good.replace("kind obligation", "kind obligatoire", 1), "text/plain")
        self.assertEqual(status, 422)
        diagnostic = json.loads(data)["diagnostics"][0]
        self.assertEqual(diagnostic["code"], "E2009")
        self.assertIn("unknown kind `obligatoire`", diagnostic["message"])

    def test_explain_gives_the_cli_explanation(self):
        body = activity_json("retention-findings.yaml")
        rule = "cnil.retention.commercial.observed_ages_within_policy@retention[0]"
        status, ctype, data = self.server.request("POST", "/v1/explain?as_of=" + AS_OF + "&rule=" + rule, body)
        self.assertEqual((status, ctype), (200, "application/json"), data[:300])
        served = json.loads(data)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(body)
        try:
            cli = json.loads(subprocess.run([BIN, "explain", "--format", "json", "--as-of", AS_OF, "--rule", rule, f.name],
                                            capture_output=True, cwd=ROOT).stdout)
        finally:
            os.unlink(f.name)
        self.assertEqual(served["activity_file"], "request")

        def strip(doc):  # where facts are stated differs: the request's file name
            if isinstance(doc, dict):
                return {k: strip(v) for k, v in doc.items() if k != "activity_file"}
            if isinstance(doc, list):
                return [strip(v) for v in doc]
            if isinstance(doc, str) and re.fullmatch(r"(request|/.*\.json):\d+:\d+", doc):
                return "ACTIVITY:" + doc.rsplit(":", 2)[1] + ":" + doc.rsplit(":", 2)[2]
            return doc
        self.assertEqual(strip(served), strip(cli))
        self.assertEqual(served["explanations"][0]["status"], "not_met")
        for path, code, status in (("/v1/explain?rule=no.such.rule", "E3001", 422), ("/v1/explain", "missing-rule", 400),
                                   ("/v1/explain?rule=" + rule + "&as_of=2026-13-01", "invalid-date", 400)):
            with self.subTest(code=code):
                got, _, data = self.server.request("POST", path, body)
                self.assertEqual(got, status, data[:300])
                self.assertEqual(json.loads(data)["error"]["code"], code)

    def test_concurrent_requests_give_identical_results(self):
        body = activity_json("saas-processor-chain.yaml")
        path = "/v1/evaluate?as_of=" + AS_OF
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda _: self.server.request("POST", path, body), range(24)))
        self.assertEqual({r[0] for r in results}, {200})
        self.assertEqual(len({r[2] for r in results}), 1)

    def test_openapi_lists_exactly_the_routes_served(self):
        status, _, data = self.server.request("GET", "/v1/openapi.json")
        self.assertEqual(status, 200)
        doc = json.loads(data)
        self.assertEqual(doc["openapi"], "3.1.0")
        for path, methods in doc["paths"].items():
            for method in methods:
                got = self.server.request(method.upper(), path, "{}" if method == "post" else None,
                                          "text/plain" if path == "/v1/check" else "application/json")[0]
                self.assertNotIn(got, (404, 405), f"{method} {path}")
        metrics = self.server.request("GET", "/metrics")[2].decode()
        self.assertIn('souple_http_requests_total{route="/v1/openapi.json",status="200"}', metrics)
        self.assertIn("souple_evaluations_total", metrics)


class Security(unittest.TestCase):
    def test_bearer_token_and_loopback_default(self):
        with tempfile.NamedTemporaryFile("w", delete=False) as f:
            f.write("s3cr3t-token-of-some-length\n")
        try:
            server = Server("--token-file", f.name)
            try:
                self.assertEqual(server.request("GET", "/healthz")[0], 401)
                self.assertEqual(server.request("GET", "/healthz", headers={"Authorization": "Bearer wrong"})[0], 401)
                ok = server.request("GET", "/healthz", headers={"Authorization": "Bearer s3cr3t-token-of-some-length"})
                self.assertEqual(ok[0], 200)
                # Listening on loopback only by default.
                out = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
                if out:
                    line = [l for l in out.splitlines() if f":{server.port} " in l + " "]
                    self.assertTrue(line and "127.0.0.1" in line[0], out)
            finally:
                self.assertEqual(server.stop(), 0)
        finally:
            os.unlink(f.name)


class Lifecycle(unittest.TestCase):
    def test_sigterm_lets_requests_in_flight_finish(self):
        server = Server()
        body = "[" + ",".join([activity_json("retention-findings.yaml")] * 100) + "]"
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pending = pool.submit(server.request, "POST", "/v1/evaluate?as_of=" + AS_OF, body)
            time.sleep(0.05)
            server.proc.send_signal(signal.SIGTERM)
            status, _, data = pending.result(timeout=120)
        self.assertEqual(status, 200)
        self.assertEqual(len(json.loads(data)), 100)
        self.assertEqual(server.proc.wait(timeout=30), 0)
        server.proc.stderr.close()
        server.dir.cleanup()

    def test_release_is_served(self):
        server = Server("--release", os.path.join(ROOT, "releases", "2026.2.json"))
        try:
            release = json.loads(server.request("GET", "/v1/release")[2])
            self.assertEqual(release["release_id"], "2026.2")
            doc = json.loads(server.request("POST", "/v1/evaluate", activity_json("newsletter.yaml"))[2])
            self.assertEqual(doc["evaluation_date"], "2026-12-02")  # the release date
            self.assertEqual(doc["release"]["id"], "2026.2")
        finally:
            self.assertEqual(server.stop(), 0)


class SignedRelease(unittest.TestCase):
    """`serve --release R --trusted-key K`: an unsigned or altered release is refused at start
    and on reload; a release signed by K is served and swapped in."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = self.dir.name
        self.release = os.path.join(d, "served.json")
        shutil.copy(os.path.join(ROOT, "releases", "2024.2.json"), self.release)
        self.sec, self.pub = os.path.join(d, "k.sec"), os.path.join(d, "k.pub")
        subprocess.run([BIN, "release", "keygen", "--secret-key", self.sec, "--public-key", self.pub],
                       check=True, capture_output=True)

    def tearDown(self):
        self.dir.cleanup()

    def sign(self):
        subprocess.run([BIN, "release", "sign", self.release, "--key", self.sec, "--force"],
                       check=True, capture_output=True)

    def test_an_unsigned_release_is_not_served(self):
        port_file = os.path.join(self.dir.name, "port")
        out = subprocess.run([BIN, "serve", "--port", "0", "--port-file", port_file, "--release", self.release,
                              "--trusted-key", self.pub], capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertIn("[E5006]", out.stderr)
        self.assertIn("is not signed", out.stderr)
        self.assertFalse(os.path.exists(port_file) and read(port_file).strip(), "it listened")

    def test_reload_takes_only_a_release_the_key_signed(self):
        self.sign()
        server = Server("--release", self.release, "--trusted-key", self.pub)
        try:
            self.assertEqual(json.loads(server.request("GET", "/v1/release")[2])["release_id"], "2024.2")
            # A new release without its signature (the old .sig is for 2024.2): refused.
            shutil.copy(os.path.join(ROOT, "releases", "2025.2.json"), self.release)
            status, _, data = server.request("POST", "/v1/admin/reload", "")
            self.assertEqual(status, 422, data)
            self.assertEqual(json.loads(data)["error"]["code"], "reload-failed")
            self.assertEqual(json.loads(server.request("GET", "/v1/release")[2])["release_id"], "2024.2")
            # Signed: swapped in.
            self.sign()
            status, _, data = server.request("POST", "/v1/admin/reload", "")
            self.assertEqual(status, 200, data)
            self.assertEqual(json.loads(server.request("GET", "/v1/release")[2])["release_id"], "2025.2")
        finally:
            self.assertEqual(server.stop(), 0)


class Reload(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.release = os.path.join(self.dir.name, "served.json")
        shutil.copy(os.path.join(ROOT, "releases", "2024.2.json"), self.release)
        self.server = Server("--release", self.release)

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0)
        self.dir.cleanup()

    def served_id(self):
        return json.loads(self.server.request("GET", "/v1/release")[2])["release_id"]

    def test_sighup_swaps_in_the_release_file_as_it_now_is(self):
        self.assertEqual(self.served_id(), "2024.2")
        shutil.copy(os.path.join(ROOT, "releases", "2025.2.json"), self.release)
        self.server.proc.send_signal(signal.SIGHUP)
        deadline = time.time() + 30
        while self.served_id() != "2025.2":
            self.assertLess(time.time(), deadline, "SIGHUP did not reload the release")
            time.sleep(0.05)

    def test_admin_reload_keeps_serving_when_the_new_release_is_broken(self):
        with open(self.release, "w") as f:
            f.write("{ not a release")
        status, _, data = self.server.request("POST", "/v1/admin/reload", "")
        self.assertEqual(status, 422)
        self.assertEqual(json.loads(data)["error"]["code"], "reload-failed")
        self.assertEqual(self.served_id(), "2024.2")  # still served, still answering
        self.assertEqual(self.server.request("GET", "/v1/admin/reload")[0], 405)
        shutil.copy(os.path.join(ROOT, "releases", "2025.2.json"), self.release)
        status, _, data = self.server.request("POST", "/v1/admin/reload", "")
        self.assertEqual(status, 200)
        self.assertTrue(json.loads(data)["reloaded"])
        self.assertEqual(self.served_id(), "2025.2")

    def test_reload_under_load_drops_no_request_and_mixes_no_release(self):
        # Both releases embed schema v1: the example without its v2 declaration (it has no
        # field either schema lacks).
        doc = json.loads(activity_json("newsletter.yaml"))
        doc["activity"].pop("schema_version", None)
        body = json.dumps(doc)
        activity = os.path.join(self.dir.name, "newsletter.json")
        with open(activity, "w") as f:
            f.write(body)
        path = "/v1/evaluate?as_of=" + AS_OF
        expected = {}
        for rid in ("2024.2", "2025.2"):
            cli = subprocess.run([BIN, "eval", "--format", "json", "--as-of", AS_OF, "--release",
                                  os.path.join(ROOT, "releases", rid + ".json"), activity],
                                 capture_output=True, cwd=ROOT)
            self.assertIn(cli.returncode, (0, 1), cli.stderr.decode())
            expected[rid] = json.loads(cli.stdout)["summary"]
        shutil.copy(os.path.join(ROOT, "releases", "2025.2.json"), self.release)
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            pending = [pool.submit(self.server.request, "POST", path, body) for _ in range(40)]
            time.sleep(0.05)
            self.assertEqual(self.server.request("POST", "/v1/admin/reload", "")[0], 200)
            pending += [pool.submit(self.server.request, "POST", path, body) for _ in range(20)]
            results = [p.result(timeout=120) for p in pending]
        self.assertEqual({r[0] for r in results}, {200})
        seen = set()
        for _, _, data in results:
            doc = json.loads(data)
            rid = doc["release"]["id"]
            seen.add(rid)
            self.assertEqual(doc["summary"], expected[rid], "a result mixes two releases")
        self.assertIn("2025.2", seen)
        self.assertEqual(json.loads(self.server.request("POST", path, body)[2])["release"]["id"], "2025.2")


class DecisionLog(unittest.TestCase):
    def test_one_line_per_evaluated_activity_without_the_activity(self):
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "decisions.jsonl")
            server = Server("--decision-log", log)
            try:
                body = activity_json("newsletter.yaml")
                status, _, data = server.request("POST", "/v1/evaluate?as_of=" + AS_OF, body)
                self.assertEqual(status, 200)
                result = json.loads(data)
                batch = "[" + body + "," + activity_json("hospital-breach.yaml") + "]"
                self.assertEqual(server.request("POST", "/v1/evaluate?as_of=" + AS_OF, batch)[0], 200)
                bad = json.dumps({"activity": {"id": "X"}})
                self.assertEqual(server.request("POST", "/v1/evaluate", bad)[0], 422)  # nothing decided
                # Rotation: the file renamed away, a reload opens the path again.
                os.rename(log, log + ".1")
                self.assertEqual(server.request("POST", "/v1/admin/reload", "")[0], 200)
                self.assertEqual(server.request("POST", "/v1/evaluate?as_of=" + AS_OF, body)[0], 200)
            finally:
                self.assertEqual(server.stop(), 0)
            with open(log + ".1") as f:
                lines = [json.loads(l) for l in f]
            with open(log) as f:
                self.assertEqual(len(f.readlines()), 1)
        self.assertEqual(len(lines), 3)
        first = lines[0]
        self.assertEqual(set(first), {"decision_id", "time", "release_id", "release_hash", "policy_set_hash",
                                      "evaluation_date", "activity_id", "input_sha256", "counts", "duration_ms"})
        self.assertEqual(first["activity_id"], result["activity"]["id"])
        self.assertEqual(first["input_sha256"], hashlib.sha256(body.encode()).hexdigest())
        self.assertEqual(first["policy_set_hash"], result["policy_set_hash"])
        self.assertEqual(first["evaluation_date"], AS_OF)
        self.assertEqual(sum(first["counts"].values()), len(result["findings"]))
        for status, n in first["counts"].items():
            self.assertEqual(n, sum(1 for f in result["findings"] if f["status"] == status))
        self.assertRegex(first["decision_id"], r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        self.assertEqual(len({l["decision_id"] for l in lines}), 3)
        with open(os.path.join(EXAMPLES, "hospital-breach.yaml")) as f:
            self.assertEqual(lines[2]["activity_id"], yaml.safe_load(f)["activity"]["id"])
        self.assertNotIn(body[:40], json.dumps(lines))  # the activity itself is not logged


if __name__ == "__main__":
    unittest.main()
