"""Signed releases through the real binary: `release keygen|sign|verify`, and `eval
--release --trusted-key` refusing what the trusted key did not sign (docs: releases/README.md).

Run by ctest ("signing: end-to-end") with SOUPLE_BIN and SOUPLE_SOURCE_DIR set.
"""
import json
import os
import shutil
import stat
import subprocess
import tempfile
import unittest

BIN = os.path.abspath(os.environ.get("SOUPLE_BIN", "build/cli/souple"))
ROOT = os.path.abspath(os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd()))
RELEASE = os.path.join(ROOT, "releases", "2026.2.json")
EXAMPLE = os.path.join(ROOT, "examples", "newsletter.yaml")


def run(*args):
    env = dict(os.environ)
    env.pop("SOUPLE_HOME", None)
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=120)


class Signing(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = self.dir.name
        self.release = os.path.join(d, "r.json")
        shutil.copy(RELEASE, self.release)
        self.sec, self.pub = os.path.join(d, "me.sec"), os.path.join(d, "me.pub")
        out = run("release", "keygen", "--secret-key", self.sec, "--public-key", self.pub)
        self.assertEqual(out.returncode, 0, out.stderr)

    def tearDown(self):
        self.dir.cleanup()

    def sign(self, *extra):
        out = run("release", "sign", self.release, "--key", self.sec, *extra)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout, "")
        return self.release + ".sig"

    def refused(self, out, *words):
        self.assertEqual(out.returncode, 2, out.stderr)
        self.assertEqual(out.stdout, "", "nothing on stdout when refused")
        self.assertIn("[E5006]", out.stderr)
        for w in words:
            self.assertIn(w, out.stderr)

    def test_keygen_writes_a_private_secret_and_refuses_to_overwrite(self):
        self.assertEqual(stat.S_IMODE(os.stat(self.sec).st_mode), 0o600)
        with open(self.pub) as f:
            self.assertRegex(f.read(), r"^souple-ed25519-public [A-Za-z0-9+/]{43}=\n$")
        out = run("release", "keygen", "--secret-key", self.sec, "--public-key", self.pub)
        self.assertEqual(out.returncode, 2)
        self.assertIn("exists", out.stderr)

    def test_sign_then_verify_and_evaluate(self):
        sig = self.sign()
        with open(sig) as f:
            doc = json.load(f)
        self.assertEqual(doc["format"], "souple-release-signature/1")
        self.assertEqual((doc["release"], doc["date"], doc["algorithm"]), ("2026.2", "2026-12-02", "ed25519"))
        with open(self.release) as f:
            self.assertEqual(doc["hash"], json.load(f)["hash"])  # written as the release writes it
        out = run("release", "verify", self.release, "--trusted-key", self.pub)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("signature verifies", out.stdout)
        self.assertIn(doc["key_id"], out.stdout)
        signed = run("eval", "--release", self.release, "--trusted-key", self.pub, "--as-of", "2026-12-02",
                     "--format", "json", EXAMPLE)
        plain = run("eval", "--release", self.release, "--as-of", "2026-12-02", "--format", "json", EXAMPLE)
        self.assertIn(signed.returncode, (0, 1), signed.stderr)
        self.assertEqual(json.loads(signed.stdout), json.loads(plain.stdout))

    def test_an_unsigned_release_is_refused_when_a_key_is_trusted(self):
        self.refused(run("eval", "--release", self.release, "--trusted-key", self.pub, EXAMPLE), "is not signed")
        self.refused(run("release", "verify", self.release, "--trusted-key", self.pub), "is not signed")

    def test_another_key_is_not_trusted(self):
        self.sign()
        other_sec, other_pub = os.path.join(self.dir.name, "o.sec"), os.path.join(self.dir.name, "o.pub")
        run("release", "keygen", "--secret-key", other_sec, "--public-key", other_pub)
        self.refused(run("eval", "--release", self.release, "--trusted-key", other_pub, EXAMPLE),
                     "not by the trusted key")

    def test_changing_the_date_of_a_signed_release_is_refused(self):
        # The date is not in the content hash, but it is signed: it decides what applies.
        self.sign()
        with open(self.release) as f:
            doc = json.load(f)
        doc["date"] = "2030-01-01"
        with open(self.release, "w") as f:
            json.dump(doc, f)
        self.refused(run("release", "verify", self.release, "--trusted-key", self.pub),
                     "not for this file's release")

    def test_a_forged_signature_is_refused(self):
        sig = self.sign()
        with open(sig) as f:
            doc = json.load(f)
        raw = bytearray(__import__("base64").b64decode(doc["signature"]))
        raw[0] ^= 1
        doc["signature"] = __import__("base64").b64encode(bytes(raw)).decode()
        with open(sig, "w") as f:
            json.dump(doc, f)
        self.refused(run("eval", "--release", self.release, "--trusted-key", self.pub, EXAMPLE), "does not verify")

    def test_a_changed_policy_text_is_refused_before_the_signature(self):
        self.sign()
        with open(self.release) as f:
            doc = json.load(f)
        doc["files"][0]["text"] += "\n// edited"
        with open(self.release, "w") as f:
            json.dump(doc, f)
        out = run("eval", "--release", self.release, "--trusted-key", self.pub, EXAMPLE)
        self.assertEqual(out.returncode, 2)
        self.assertEqual(out.stdout, "")
        self.assertIn("[E5004]", out.stderr)

    def test_a_signature_kept_elsewhere_and_a_malformed_key(self):
        elsewhere = os.path.join(self.dir.name, "elsewhere.sig")
        self.sign("-o", elsewhere)
        self.assertFalse(os.path.exists(self.release + ".sig"))
        out = run("release", "verify", self.release, "--trusted-key", self.pub, "--signature", elsewhere)
        self.assertEqual(out.returncode, 0, out.stderr)
        bad = os.path.join(self.dir.name, "bad.pub")
        with open(bad, "w") as f:
            f.write("ssh-ed25519 AAAA\n")
        out = run("release", "verify", self.release, "--trusted-key", bad, "--signature", elsewhere)
        self.assertEqual(out.returncode, 2)
        self.assertIn("bad.pub:1:1", out.stderr)
        self.assertIn("[E5007]", out.stderr)

    def test_trusted_key_needs_a_release(self):
        out = run("eval", "--trusted-key", self.pub, EXAMPLE)
        self.assertEqual(out.returncode, 3)
        self.assertIn("--release", out.stderr)


if __name__ == "__main__":
    unittest.main()
