"""deploy/: the Kubernetes manifests and the image checked against the server they run.

Parses every manifest of deploy/k8s/ and checks it against what `souple serve` really is:
probe paths among the served routes (docs/openapi.json and the routes registered in
cli/commands/serve.cc), container arguments among the flags of `souple serve --help`, one
port in the arguments, the containerPort, the Service's targetPort and the probes, the HPA
aimed at the Deployment. The container arguments and the probe commands are then run against
the real binary on a loopback port, and the Spark command line of docs/deployment.md is run
the way PySpark's RDD.pipe() runs it. No Docker, no cluster.

Run by ctest ("deploy: end-to-end") with SOUPLE_BIN and SOUPLE_SOURCE_DIR set.
"""
import ast
import glob
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import yaml  # python3-yaml

BIN = os.path.abspath(os.environ.get("SOUPLE_BIN", "build/cli/souple"))
ROOT = os.path.abspath(os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd()))
DEPLOY = os.path.join(ROOT, "deploy")
K8S = os.path.join(DEPLOY, "k8s")
RELEASE = os.path.join(ROOT, "releases", "2026.2.json")

# The bookworm package of each shared library the binary may link to (deploy/Dockerfile).
RUNTIME_PACKAGES = {
    "libantlr4-runtime.so.4.9": "libantlr4-runtime4.9",
    "libyaml-cpp.so.0.7": "libyaml-cpp0.7",
    "libcpp-httplib.so.0.11": "libcpp-httplib0.11",
    "libsodium.so.23": "libsodium23",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libc.so.6": None,  # libc6: in every Debian image
    "libm.so.6": None,
}


def read(path):
    with open(path) as f:
        return f.read()


def manifests():
    """{file name: [documents]} for every YAML file of deploy/k8s/."""
    out = {}
    for path in sorted(glob.glob(os.path.join(K8S, "*.yaml"))):
        with open(path) as f:
            out[os.path.basename(path)] = [d for d in yaml.safe_load_all(f) if d is not None]
    return out


def one(kind):
    found = [d for docs in manifests().values() for d in docs if d.get("kind") == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def served_routes():
    """The routes both documented (docs/openapi.json) and registered by the server."""
    documented = set(json.loads(read(os.path.join(ROOT, "docs", "openapi.json")))["paths"])
    serve = read(os.path.join(ROOT, "cli", "commands", "serve.cc"))
    m = re.search(r"for \(const char\* path : \{(.*?)\}\)", serve, re.S)
    assert m, "the route registration loop of cli/commands/serve.cc was not found"
    registered = set(re.findall(r'"(/[^"]*)"', m.group(1)))
    return documented & registered


def help_flags(command):
    """Long and short flags listed by `souple COMMAND --help`."""
    out = subprocess.run([BIN, command, "--help"], capture_output=True, text=True, check=True).stdout
    flags = set()
    for line in out.splitlines():
        m = re.match(r"\s+((?:-{1,2}[A-Za-z][\w-]*,?)+)", line)
        if m:
            flags.update(f for f in m.group(1).split(",") if f)
    return flags


def server_container(deployment):
    containers = deployment["spec"]["template"]["spec"]["containers"]
    return next(c for c in containers if (c.get("args") or [None])[0] == "serve")


def option(args, flag):
    return args[args.index(flag) + 1] if flag in args else None


def probe_target(probe):
    """(port, path) a probe calls: httpGet, or the URL in an exec command."""
    if "httpGet" in probe:
        return probe["httpGet"]["port"], probe["httpGet"]["path"]
    text = " ".join(probe["exec"]["command"])
    m = re.search(r"http://(?:127\.0\.0\.1|localhost):(\d+)(/[^\s'\"]*)", text)
    assert m, f"no URL in the probe command: {text}"
    return int(m.group(1)), m.group(2)


def resolve_port(port, container):
    if isinstance(port, int):
        return port
    if isinstance(port, str) and port.isdigit():
        return int(port)
    return next(p["containerPort"] for p in container["ports"] if p.get("name") == port)


class Manifests(unittest.TestCase):
    def test_every_manifest_parses_and_names_its_kind(self):
        docs = manifests()
        self.assertGreaterEqual(set(docs), {"deployment.yaml", "service.yaml", "hpa.yaml", "kustomization.yaml"})
        for name, items in docs.items():
            self.assertTrue(items, f"{name} is empty")
            for d in items:
                self.assertIn("apiVersion", d, name)
                self.assertIn("kind", d, name)
                if d["kind"] != "Kustomization":
                    self.assertTrue(d.get("metadata", {}).get("name"), f"{name}: {d['kind']} without a name")
        self.assertEqual(one("HorizontalPodAutoscaler")["apiVersion"], "autoscaling/v2")
        self.assertEqual(one("Deployment")["apiVersion"], "apps/v1")

    def test_commands_and_args_are_lists_of_strings(self):
        # An unquoted `: ` in a shell line makes YAML read a mapping, which Kubernetes refuses.
        spec = one("Deployment")["spec"]["template"]["spec"]
        for c in spec["containers"] + spec.get("initContainers", []):
            lists = [c.get("command", []), c.get("args", [])]
            lists += [c[k]["exec"]["command"] for k in ("readinessProbe", "livenessProbe", "startupProbe")
                      if "exec" in c.get(k, {})]
            lists += [c["lifecycle"]["preStop"]["exec"]["command"]] if "lifecycle" in c else []
            for items in lists:
                for item in items:
                    self.assertIsInstance(item, str, f"{c['name']}: {item!r}")

    def test_kustomization_lists_every_manifest_and_generates_the_release(self):
        kustomization = one("Kustomization")
        others = sorted(n for n in manifests() if n != "kustomization.yaml")
        self.assertEqual(sorted(kustomization["resources"]), others)
        generated = {g["name"] for g in kustomization.get("configMapGenerator", [])}
        volumes = one("Deployment")["spec"]["template"]["spec"]["volumes"]
        config_maps = {v["configMap"]["name"] for v in volumes if "configMap" in v}
        self.assertTrue(config_maps, "the release is carried by no ConfigMap")
        self.assertLessEqual(config_maps, generated)

    def test_probes_call_routes_the_server_serves(self):
        routes = served_routes()
        self.assertLessEqual({"/healthz", "/readyz"}, routes)
        container = server_container(one("Deployment"))
        self.assertEqual(probe_target(container["readinessProbe"])[1], "/readyz")
        self.assertEqual(probe_target(container["livenessProbe"])[1], "/healthz")
        for kind in ("readinessProbe", "livenessProbe", "startupProbe"):
            if kind in container:
                self.assertIn(probe_target(container[kind])[1], routes, kind)

    def test_container_args_are_flags_of_souple_serve(self):
        flags = help_flags("serve")
        self.assertIn("--token-file", flags)
        for container in one("Deployment")["spec"]["template"]["spec"]["containers"]:
            args = container.get("args", [])
            self.assertEqual(args[0], "serve")
            for arg in args[1:]:
                if arg.startswith("-"):
                    self.assertIn(arg.split("=")[0], flags, f"{arg} is not a flag of `souple serve`")
        args = server_container(one("Deployment"))["args"]
        # Reachable from outside the container, hence a token.
        self.assertEqual(option(args, "--host"), "0.0.0.0")
        self.assertIsNotNone(option(args, "--token-file"))
        self.assertIsNotNone(option(args, "--release"))

    def test_files_in_the_args_are_mounted(self):
        spec = one("Deployment")["spec"]["template"]["spec"]
        container = server_container(one("Deployment"))
        volumes = {v["name"]: v for v in spec["volumes"]}
        mounts = {m["mountPath"]: volumes[m["name"]] for m in container["volumeMounts"]}

        def volume_of(path):
            parents = [p for p in mounts if path.startswith(p.rstrip("/") + "/")]
            self.assertTrue(parents, f"{path} is on no mounted volume")
            return mounts[max(parents, key=len)]

        self.assertIn("secret", volume_of(option(container["args"], "--token-file")))
        release_volume = volume_of(option(container["args"], "--release"))
        self.assertTrue("emptyDir" in release_volume or "configMap" in release_volume)
        if "emptyDir" in release_volume:  # filled by an init container from the ConfigMap
            writers = [c for c in spec.get("initContainers", [])
                       if any(m["name"] == release_volume["name"] for m in c.get("volumeMounts", []))]
            self.assertTrue(writers, "nothing puts the release in its emptyDir")

    def test_one_port_everywhere(self):
        container = server_container(one("Deployment"))
        port = int(option(container["args"], "--port"))
        self.assertEqual([p["containerPort"] for p in container["ports"]], [port])
        for kind in ("readinessProbe", "livenessProbe"):
            self.assertEqual(resolve_port(probe_target(container[kind])[0], container), port, kind)
        service = one("Service")
        self.assertEqual([resolve_port(p["targetPort"], container) for p in service["spec"]["ports"]], [port])

    def test_service_selects_the_pods(self):
        labels = one("Deployment")["spec"]["template"]["metadata"]["labels"]
        selector = one("Service")["spec"]["selector"]
        self.assertTrue(selector)
        self.assertLessEqual(selector.items(), labels.items())
        self.assertLessEqual(one("Deployment")["spec"]["selector"]["matchLabels"].items(), labels.items())

    def test_hpa_scales_the_deployment_on_cpu(self):
        hpa, deployment = one("HorizontalPodAutoscaler"), one("Deployment")
        target = hpa["spec"]["scaleTargetRef"]
        self.assertEqual((target["apiVersion"], target["kind"], target["name"]),
                         ("apps/v1", "Deployment", deployment["metadata"]["name"]))
        self.assertEqual([m["resource"]["name"] for m in hpa["spec"]["metrics"] if m["type"] == "Resource"], ["cpu"])
        self.assertLessEqual(hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"])
        self.assertNotIn("replicas", deployment["spec"], "the HPA owns the replica count")
        # Utilization is relative to the request: every container must request CPU.
        for c in deployment["spec"]["template"]["spec"]["containers"]:
            self.assertIn("cpu", c["resources"]["requests"], c["name"])

    def test_non_root_read_only_with_resources(self):
        spec = one("Deployment")["spec"]["template"]["spec"]
        self.assertIs(spec["securityContext"]["runAsNonRoot"], True)
        dockerfile = read(os.path.join(DEPLOY, "Dockerfile"))
        user = re.search(r"^USER (\d+)", dockerfile, re.M)
        self.assertTrue(user, "the image's USER must be numeric for runAsNonRoot")
        self.assertEqual(spec["securityContext"]["runAsUser"], int(user.group(1)))
        for c in spec["containers"] + spec.get("initContainers", []):
            self.assertIs(c["securityContext"]["readOnlyRootFilesystem"], True, c["name"])
            self.assertIs(c["securityContext"]["allowPrivilegeEscalation"], False, c["name"])
            for key in ("requests", "limits"):
                self.assertLessEqual({"cpu", "memory"}, set(c["resources"][key]), f"{c['name']} {key}")

    @unittest.skipUnless(shutil.which("kubectl"), "kubectl is not installed")
    def test_kustomize_renders_with_a_release(self):
        with tempfile.TemporaryDirectory() as tmp:
            for path in glob.glob(os.path.join(K8S, "*.yaml")):
                shutil.copy(path, tmp)
            subprocess.run(["sh", "-c", f"gzip -9n < '{RELEASE}' > '{tmp}/release.json.gz'"], check=True)
            out = subprocess.run(["kubectl", "kustomize", tmp], capture_output=True, text=True, timeout=60)
            self.assertEqual(out.returncode, 0, out.stderr)
        docs = list(yaml.safe_load_all(out.stdout))
        config_map = next(d for d in docs if d["kind"] == "ConfigMap")
        self.assertTrue(config_map["metadata"]["name"].startswith("souple-release-"))
        self.assertIs(config_map.get("immutable"), True)
        self.assertLess(len(json.dumps(config_map)), 1024 * 1024, "over a ConfigMap's 1 MiB")
        deployment = next(d for d in docs if d["kind"] == "Deployment")
        names = {v["configMap"]["name"] for v in deployment["spec"]["template"]["spec"]["volumes"] if "configMap" in v}
        self.assertEqual(names, {config_map["metadata"]["name"]})


class Image(unittest.TestCase):
    def test_dockerfile_installs_what_the_binary_links_to(self):
        dockerfile = read(os.path.join(DEPLOY, "Dockerfile"))
        self.assertRegex(dockerfile, re.compile(r"^FROM debian:12-slim\s*$", re.M))
        installed = set(re.findall(r"[\w.+-]+", " ".join(re.findall(r"apt-get install ([^&]*)", dockerfile.replace("\\\n", " ")))))
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]",
                            subprocess.run(["readelf", "-d", BIN], capture_output=True, text=True, check=True).stdout)
        self.assertTrue(needed)
        if any(re.match(r"lib(asan|ubsan|tsan)\.so", soname) for soname in needed):
            # A sanitized build (scripts/test-sanitized.sh) is not what the image ships, and it
            # links more (CI saw libuuid.so.1, from antlr4's link interface).
            self.skipTest(f"{BIN} is a sanitized build")
        for soname in needed:
            self.assertIn(soname, RUNTIME_PACKAGES, f"{BIN} links {soname}: add its package to deploy/Dockerfile")
            if RUNTIME_PACKAGES[soname]:
                self.assertIn(RUNTIME_PACKAGES[soname], installed, soname)
        self.assertIn("curl", installed)  # the probes
        self.assertIn("COPY opt/souple/share/souple", dockerfile)  # the data the command finds next to it


class AgainstTheServer(unittest.TestCase):
    """The container's arguments start the real server; the probe commands pass against it."""

    @unittest.skipUnless(shutil.which("curl"), "curl is not installed")
    def test_container_args_and_probes_work(self):
        container = server_container(one("Deployment"))
        args = list(container["args"])
        with tempfile.TemporaryDirectory() as tmp:
            token_file = os.path.join(tmp, "token")
            with open(token_file, "w") as f:
                f.write("0123456789abcdef0123456789abcdef\n")
            port_file = os.path.join(tmp, "port")
            token_path, release_path = option(args, "--token-file"), option(args, "--release")
            # Same arguments on loopback and a free port; the mounted paths become local files.
            args[args.index("--host") + 1] = "127.0.0.1"
            args[args.index("--port") + 1] = "0"
            args[args.index("--token-file") + 1] = token_file
            args[args.index("--release") + 1] = RELEASE
            env = dict(os.environ)
            env.pop("SOUPLE_HOME", None)
            proc = subprocess.Popen([BIN, *args, "--port-file", port_file], stderr=subprocess.PIPE, cwd=tmp, env=env)
            try:
                deadline = time.time() + 30
                while not (os.path.exists(port_file) and read(port_file).strip()):
                    if proc.poll() is not None or time.time() > deadline:
                        self.fail("server did not start: " + proc.stderr.read().decode())
                    time.sleep(0.05)
                port = int(read(port_file))
                for kind in ("readinessProbe", "livenessProbe"):
                    command = [part.replace(token_path, token_file)
                               .replace(f":{option(container['args'], '--port')}/", f":{port}/")
                               for part in container[kind]["exec"]["command"]]
                    run = subprocess.run(command, capture_output=True, text=True, timeout=30)
                    self.assertEqual(run.returncode, 0, f"{kind}: {run.stderr}")
                # Without the token, the same route is refused: the probes need it.
                run = subprocess.run(["curl", "-fsS", "-o", "/dev/null", f"http://127.0.0.1:{port}/readyz"],
                                     capture_output=True, text=True, timeout=30)
                self.assertNotEqual(run.returncode, 0)
            finally:
                proc.send_signal(signal.SIGTERM)
                code = proc.wait(timeout=30)
                proc.stderr.close()
            self.assertEqual(code, 0)
            self.assertTrue(release_path.startswith("/"))


class SparkCommandLine(unittest.TestCase):
    """docs/deployment.md's RDD.pipe() command, run as PySpark runs it: the command split with
    shlex, an empty environment, one element per line on stdin, one result per line out."""

    def command(self):
        text = read(os.path.join(ROOT, "docs", "deployment.md"))
        blocks = re.findall(r"```python\n(.*?)```", text, re.S)
        for block in blocks:
            for node in ast.walk(ast.parse(block)):
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "command":
                    return ast.literal_eval(node.value)
        self.fail("no `command = ...` in a python block of docs/deployment.md")

    def test_flags_exist_and_the_command_runs_as_pyspark_would(self):
        argv = shlex.split(self.command())
        self.assertEqual(argv[:2], ["/opt/souple/bin/souple", "eval"])
        flags = help_flags("eval")
        for arg in argv[2:]:
            if arg.startswith("-") and arg != "-":
                self.assertIn(arg, flags, f"{arg} is not a flag of `souple eval`")
        self.assertEqual(argv[argv.index("--format") + 1], "jsonl")
        self.assertEqual(argv[-1], "-")
        release = argv[argv.index("--release") + 1]
        as_of = argv[argv.index("--as-of") + 1]
        examples = sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml")))[:3]
        lines = [json.dumps(yaml.safe_load(read(p)), default=str) for p in examples]
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(os.path.join(ROOT, "releases", release), tmp)  # what --files does
            run = subprocess.run([BIN, *argv[1:]], input="".join(l + "\n" for l in lines), env={}, cwd=tmp,
                                 capture_output=True, text=True, timeout=300)
        self.assertEqual(run.returncode, 0, run.stderr)  # checkCode=True
        results = [json.loads(l) for l in run.stdout.splitlines()]
        self.assertEqual(len(results), len(lines))
        for line, result in zip(lines, results):
            self.assertEqual(result["activity"]["id"], json.loads(line)["activity"]["id"])  # input order
            self.assertEqual(result["release"]["id"], release.removesuffix(".json"))
            self.assertEqual(result["evaluation_date"], as_of)


if __name__ == "__main__":
    unittest.main()
