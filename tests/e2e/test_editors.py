"""Editor support (editors/): the TextMate grammar and the VS Code extension.

* files: the grammar, package.json and language-configuration.json are valid JSON, package.json
  points at files that exist, and the grammar the extension ships is editors/textmate's;
* regexes: every regex compiles with Python's `re` and uses nothing that Oniguruma (VS Code,
  other TextMate hosts) reads differently or rejects;
* keywords: every keyword token of the lexer (grammar/Souple.g4) is highlighted, soft keywords
  read as fields after a dot, and the kinds, confidences, built-in functions and source fields
  the checker knows (engine/src/sema) are those the grammar highlights;
* scopes: hand-picked lines, tokenized by the small TextMate engine below, get the scopes the
  grammar is meant to give (written by hand from the design, not copied from a run);
* corpus: every bundled policy (policies/**/*.souple) tokenizes without a regex error, every
  non-blank character gets a scope of its own and none is `invalid`, and each rule name,
  kind, message and placeholder is scoped as such.

Stdlib only; the binary is not run. Run by ctest ("editors: end-to-end") with
SOUPLE_SOURCE_DIR set.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import unittest

ROOT = os.environ.get("SOUPLE_SOURCE_DIR", os.getcwd())
EDITORS = os.path.join(ROOT, "editors")
GRAMMAR_PATH = os.path.join(EDITORS, "textmate", "souple.tmLanguage.json")
VSCODE = os.path.join(EDITORS, "vscode")
G4 = os.path.join(ROOT, "grammar", "Souple.g4")
SEMA = os.path.join(ROOT, "engine", "src", "sema")
ROOT_SCOPE = "source.souple"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class TokenizerError(Exception):
    pass


class Tokenizer:
    """A simplified TextMate engine, enough to check this grammar.

    Supported: `match` rules with `captures`; `begin`/`end` rules with `name`, `contentName`,
    `beginCaptures`, `endCaptures` (or `captures` for both) and `patterns`; `include` of
    `#entry` (repository), `$self` and `$base`; pattern-only containers. Capture names may hold
    several space-separated scopes.

    Like VS Code it works line by line: the begin/end stack carries over lines, each regex sees
    one line (without its newline; `^` is the line's start, lookbehind sees the line before the
    position). At a position the earliest match wins; at equal positions the open rule's `end`
    first, then the patterns in order (`applyEndPatternLast` is not supported). A zero-width
    `match`, or a stack that changes without the position moving for 100 steps, is an error
    (VS Code stops such a line).

    Not supported, and refused if the grammar uses them (test_unsupported_features): `while`,
    back-references to `begin` in `end`, captures with their own `patterns`, injections,
    external grammars.
    """

    def __init__(self, grammar):
        self.grammar = grammar
        self.repository = grammar.get("repository", {})
        self._regexes = {}
        self._flat = {}

    def regex(self, source):
        rx = self._regexes.get(source)
        if rx is None:
            try:
                rx = re.compile(source)
            except re.error as e:
                raise TokenizerError(f"regex {source!r}: {e}") from None
            self._regexes[source] = rx
        return rx

    def _target(self, ref):
        if ref in ("$self", "$base"):
            return self.grammar
        if ref.startswith("#") and ref[1:] in self.repository:
            return self.repository[ref[1:]]
        raise TokenizerError(f"unresolved include {ref!r}")

    def patterns_of(self, owner):
        """The concrete rules (with `match` or `begin`) an owner's `patterns` expand to."""
        key = id(owner)
        if key not in self._flat:
            out = []
            self._expand(owner.get("patterns", []), out, set())
            self._flat[key] = out
        return self._flat[key]

    def _expand(self, patterns, out, seen):
        for p in patterns:
            if "include" in p:
                p = self._target(p["include"])
            if "match" in p or "begin" in p:
                out.append(p)
            elif id(p) not in seen:  # a container: its patterns, once
                seen.add(id(p))
                self._expand(p.get("patterns", []), out, seen)

    @staticmethod
    def _names(name):
        return name.split() if name else []

    @staticmethod
    def _search(rx, line, pos, cache):
        # The first match at or after pos; a match found from an earlier position that starts
        # at or after pos is still the first one (vscode-textmate caches the same way).
        hit = cache.get(rx)
        if hit is not None and hit[0] <= pos and (hit[1] is None or hit[1].start() >= pos):
            return hit[1]
        m = rx.search(line, pos)
        cache[rx] = (pos, m)
        return m

    def _paint(self, chars, m, scopes, captures):
        for i in range(m.start(), m.end()):
            chars[i] = list(scopes)
        for group in range(0, (m.re.groups or 0) + 1):
            cap = (captures or {}).get(str(group))
            if cap is None or m.start(group) < 0:
                continue
            if "patterns" in cap or "name" not in cap:
                raise TokenizerError(f"capture {group} of {m.re.pattern!r}: only `name` is supported")
            for i in range(m.start(group), m.end(group)):
                chars[i] += self._names(cap["name"])

    def tokenize(self, text):
        """Per line, per character, the tuple of scopes (outermost first)."""
        root = [self.grammar["scopeName"]]
        stack = []  # (rule, end regex, scopes of begin/end, scopes of the content)
        result = []
        for number, line in enumerate(text.split("\n"), start=1):
            if line.endswith("\r"):
                line = line[:-1]
            chars = [None] * len(line)
            cache = {}
            pos, stalls = 0, 0
            while True:
                frame = stack[-1] if stack else None
                content = frame[3] if frame else root
                best = None  # (start, match, rule or None for the frame's end)
                if frame:
                    m = self._search(frame[1], line, pos, cache)
                    if m:
                        best = (m.start(), m, None)
                if best is None or best[0] > pos:
                    for rule in self.patterns_of(frame[0] if frame else self.grammar):
                        rx = self.regex(rule["match"] if "match" in rule else rule["begin"])
                        m = self._search(rx, line, pos, cache)
                        if m and (best is None or m.start() < best[0]):
                            best = (m.start(), m, rule)
                            if m.start() == pos:
                                break
                if best is None:
                    for i in range(pos, len(line)):
                        chars[i] = list(content)
                    break
                start, m, rule = best
                for i in range(pos, start):
                    chars[i] = list(content)
                if rule is None:
                    end_caps = frame[0].get("endCaptures", frame[0].get("captures"))
                    self._paint(chars, m, frame[2], end_caps)
                    stack.pop()
                elif "match" in rule:
                    if m.end() == m.start():
                        raise TokenizerError(f"line {number}: zero-width match {rule['match']!r}")
                    self._paint(chars, m, content + self._names(rule.get("name")), rule.get("captures"))
                else:
                    scopes = content + self._names(rule.get("name"))
                    self._paint(chars, m, scopes, rule.get("beginCaptures", rule.get("captures")))
                    stack.append((rule, self.regex(rule["end"]), scopes,
                                  scopes + self._names(rule.get("contentName"))))
                if m.end() == pos:
                    stalls += 1
                    if stalls > 100:
                        raise TokenizerError(f"line {number}: endless loop at column {pos + 1}")
                else:
                    stalls = 0
                pos = m.end()
            result.append([tuple(c) for c in chars])
        return result


GRAMMAR = load(GRAMMAR_PATH)
TOKENIZER = Tokenizer(GRAMMAR)


def has(scopes, selector):
    """TextMate selector matching of one scope name: `constant.numeric` matches
    `constant.numeric.date.souple`."""
    return any(s == selector or s.startswith(selector + ".") for s in scopes)


def all_regexes(node, path="$"):
    if isinstance(node, dict):
        for key in ("match", "begin", "end", "while"):
            if isinstance(node.get(key), str):
                yield f"{path}.{key}", node[key]
        for key, value in node.items():
            yield from all_regexes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from all_regexes(value, f"{path}[{i}]")


def lexer_literals():
    """{token name: [literal words]} of the lexer rules `NAME: 'word';` / `NAME: 'a' | 'b';`."""
    text = read(G4)
    lexer = text[text.index("// ---- lexer ----"):]
    tokens = {}
    for name, body in re.findall(r"\b([A-Z][A-Z_]*)\s*:\s*([^;]*);", lexer):
        if re.fullmatch(r"\s*'[^']*'(?:\s*\|\s*'[^']*')*\s*", body):
            tokens[name] = re.findall(r"'([^']*)'", body)
    return tokens


def soft_keywords():
    """The keyword tokens the parser also accepts as names (`ident : ID | TITLE | ...;`)."""
    body = re.search(r"^ident\s*:([^;]*);", read(G4), re.M).group(1)
    return [t for t in re.findall(r"[A-Z_]+", body) if t != "ID"]


def cpp_list(path, variable):
    text = read(path)
    body = re.search(re.escape(variable) + r"\s*=\s*\{([^}]*)\}", text).group(1)
    return re.findall(r'"([^"]*)"', body)


class Files(unittest.TestCase):
    def test_grammar_is_a_textmate_grammar(self):
        self.assertEqual(GRAMMAR["scopeName"], ROOT_SCOPE)
        self.assertIn("souple", GRAMMAR["fileTypes"])
        self.assertTrue(GRAMMAR["patterns"])

    def test_package_json_points_at_existing_files(self):
        pkg = load(os.path.join(VSCODE, "package.json"))
        self.assertTrue(os.path.isfile(os.path.join(VSCODE, pkg["main"])), pkg["main"])
        [lang] = [x for x in pkg["contributes"]["languages"] if x["id"] == "souple"]
        self.assertIn(".souple", lang["extensions"])
        config = os.path.join(VSCODE, lang["configuration"])
        self.assertTrue(os.path.isfile(config), config)
        [gram] = [x for x in pkg["contributes"]["grammars"] if x["language"] == "souple"]
        self.assertEqual(gram["scopeName"], ROOT_SCOPE)
        shipped = os.path.join(VSCODE, gram["path"])
        self.assertTrue(os.path.isfile(shipped), shipped)
        # Inside the extension folder (vsce packages only that folder), and the same grammar.
        self.assertTrue(os.path.realpath(shipped).startswith(os.path.realpath(VSCODE) + os.sep))
        with open(shipped, "rb") as a, open(GRAMMAR_PATH, "rb") as b:
            self.assertEqual(a.read(), b.read(),
                             "copy editors/textmate/souple.tmLanguage.json to " + gram["path"])
        props = pkg["contributes"]["configuration"]["properties"]
        self.assertEqual(props["souple.path"]["type"], "string")
        self.assertIn("vscode-languageclient", pkg["dependencies"])
        self.assertIn("onLanguage:souple", pkg.get("activationEvents", []))
        self.assertTrue(os.path.isfile(os.path.join(VSCODE, ".vscodeignore")))
        self.assertTrue(os.path.isfile(os.path.join(VSCODE, "README.md")))
        self.assertTrue(os.path.isfile(os.path.join(EDITORS, "README.md")))

    def test_language_configuration(self):
        pkg = load(os.path.join(VSCODE, "package.json"))
        [lang] = [x for x in pkg["contributes"]["languages"] if x["id"] == "souple"]
        conf = load(os.path.join(VSCODE, lang["configuration"]))
        self.assertEqual(conf["comments"]["lineComment"], "//")
        self.assertEqual(conf["comments"]["blockComment"], ["/*", "*/"])
        for pair in (["{", "}"], ["[", "]"], ["(", ")"]):
            self.assertIn(pair, conf["brackets"])
        closing = {(p["open"], p["close"]) if isinstance(p, dict) else tuple(p)
                   for p in conf["autoClosingPairs"]}
        self.assertTrue({("{", "}"), ("[", "]"), ("(", ")"), ('"', '"')} <= closing)
        self.assertIn(['"', '"'], [list(p) for p in conf["surroundingPairs"]])

    def test_extension_launches_souple_lsp(self):
        source = read(os.path.join(VSCODE, "extension.js"))
        self.assertIn("vscode-languageclient/node", source)
        self.assertRegex(source, r"args:\s*\[\s*['\"]lsp['\"]\s*\]")
        self.assertIn("souple", source)
        if shutil.which("node"):
            r = subprocess.run(["node", "--check", os.path.join(VSCODE, "extension.js")],
                               capture_output=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr.decode())


class Regexes(unittest.TestCase):
    # Python's re and Oniguruma agree on plain regexes; these differ or exist in one only.
    NOT_PORTABLE = [
        (r"\\[AZzGhHK]", "anchor or class of one engine only (\\A \\Z \\z \\G \\h \\K)"),
        (r"\(\?>", "atomic group"),
        (r"\(\?P?<[A-Za-z]", "named group"),
        (r"\\[pPk]\{|\\k<", "property class or named back-reference"),
        (r"\[:[a-z]+:\]", "POSIX class (a plain set in Python)"),
        (r"\(\?[a-z-]*[xmsi][a-z-]*[:)]", "inline flags"),
    ]

    @staticmethod
    def possessive(source):
        """A quantifier followed by `+` outside a character class (escapes skipped)."""
        i, in_class = 0, False
        while i < len(source):
            c = source[i]
            if c == "\\":
                i += 2
                continue
            if in_class:
                in_class = c != "]"
            elif c == "[":
                in_class = True
                if source[i + 1:i + 2] == "]":
                    i += 1
            elif c in "*+?}" and source[i + 1:i + 2] == "+" and source[i - 1:i] != "(":
                return True
            i += 1
        return False

    def test_every_regex_compiles_and_is_portable(self):
        regexes = list(all_regexes(GRAMMAR))
        self.assertGreater(len(regexes), 50)
        for path, source in regexes:
            with self.subTest(path=path):
                re.compile(source)
                for bad, why in self.NOT_PORTABLE:
                    self.assertIsNone(re.search(bad, source), f"{source!r}: {why}")
                self.assertFalse(self.possessive(source), f"{source!r}: possessive quantifier")

    def test_portability_check_catches_what_it_should(self):
        self.assertTrue(self.possessive(r"a*+b"))
        self.assertTrue(self.possessive(r"(?:ab)++"))
        self.assertFalse(self.possessive(r"\++[+*]+"))
        self.assertRegex(r"\h+", self.NOT_PORTABLE[0][0])

    def test_unsupported_features(self):
        def walk(node):
            if isinstance(node, dict):
                self.assertNotIn("while", node)
                self.assertNotIn("injections", node)
                self.assertNotIn("applyEndPatternLast", node)
                if "end" in node:
                    self.assertIsNone(re.search(r"\\[1-9]", node["end"]), node["end"])
                for key in ("captures", "beginCaptures", "endCaptures"):
                    for cap in node.get(key, {}).values():
                        self.assertEqual(set(cap), {"name"}, cap)
                if "include" in node:
                    ref = node["include"]
                    self.assertTrue(ref in ("$self", "$base") or ref[1:] in GRAMMAR["repository"], ref)
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        walk(GRAMMAR)

    def test_every_repository_entry_is_used(self):
        used = set(re.findall(r'"include":\s*"#([^"]+)"', json.dumps(GRAMMAR)))
        self.assertEqual(set(GRAMMAR["repository"]) - used, set())


def scopes_of(text, needle, nth=0, part=None):
    """The scopes of each character of the nth occurrence of needle in text (of part of it,
    its first occurrence inside needle, when given)."""
    lines = TOKENIZER.tokenize(text)
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    if part is not None:
        at += needle.index(part)
        needle = part
    line = text.count("\n", 0, at)
    col = at - (text.rfind("\n", 0, at) + 1)
    return [lines[line][col + k] for k in range(len(needle))]


class Scopes(unittest.TestCase):
    def assertScope(self, text, needle, selector, nth=0, part=None):
        for k, scopes in enumerate(scopes_of(text, needle, nth, part)):
            self.assertTrue(has(scopes, selector),
                            f"{needle!r} (char {k}) in {text!r}: {selector} not in {scopes}")

    def assertNoScope(self, text, needle, selector, nth=0, part=None):
        for k, scopes in enumerate(scopes_of(text, needle, nth, part)):
            self.assertFalse(has(scopes, selector),
                             f"{needle!r} (char {k}) in {text!r}: {selector} in {scopes}")

    def test_doc_comment_line_comment_and_rule_name(self):
        text = ("/// RT-02: prospects' data, 3 years from collection.\n"
                "rule prospect_retention { // 3 years\n"
                "}")
        self.assertScope(text, "/// RT-02: prospects' data, 3 years from collection.",
                         "comment.line.documentation")
        self.assertNoScope(text, "3 years", "constant.numeric")
        self.assertScope(text, "///", "punctuation.definition.comment")
        self.assertScope(text, "rule", "keyword.declaration.rule")
        self.assertScope(text, "prospect_retention", "entity.name.function.rule")
        self.assertScope(text, "// 3 years", "comment.line.double-slash")
        self.assertNoScope(text, "// 3 years", "comment.line.documentation")
        self.assertScope(text, "{", "punctuation.section.block.begin")

    def test_placeholders_in_a_french_message(self):
        text = '  fr "Données de prospects « {r.data_category} » conservées {r.active_duration}."'
        self.assertScope(text, "fr", "support.constant.language-tag")
        self.assertScope(text, '"', "punctuation.definition.string.begin")
        self.assertScope(text, "Données de prospects «", "string.quoted.double")
        self.assertScope(text, "{r.data_category}", "meta.placeholder")
        self.assertScope(text, "{r.data_category}", "string.quoted.double")
        self.assertScope(text, "r.data_category", "variable.other.placeholder")
        self.assertScope(text, "{", "punctuation.definition.placeholder.begin")
        self.assertScope(text, "}", "punctuation.definition.placeholder.end")
        self.assertScope(text, "r.active_duration", "variable.other.placeholder")
        self.assertNoScope(text, "» conservées", "meta.placeholder")
        self.assertScope(text, '"', "punctuation.definition.string.end", nth=1)

    def test_brace_escapes_and_bad_placeholders(self):
        text = 'en "literal {{braces}} and {p.id} but {not a path}"'
        self.assertScope(text, "{{", "constant.character.escape")
        self.assertScope(text, "}}", "constant.character.escape")
        self.assertNoScope(text, "braces", "variable.other.placeholder")
        self.assertScope(text, "p.id", "variable.other.placeholder")
        self.assertScope(text, "{not a path}", "invalid.illegal.placeholder")
        # Only localized strings are messages: a section title's braces are text.
        plain = 'cite R1 "Annexe {A}"'
        self.assertScope(plain, "Annexe {A}", "string.quoted.double")
        self.assertNoScope(plain, "{A}", "meta.placeholder")

    def test_dates(self):
        text = '  effective 2022-04-10 until 2030-12-31\n  reference "2021-131"'
        self.assertScope(text, "effective", "keyword.other.period")
        self.assertScope(text, "2022-04-10", "constant.numeric.date")
        self.assertScope(text, "until", "keyword.other.period")
        self.assertScope(text, "2030-12-31", "constant.numeric.date")
        self.assertNoScope(text, "2021-131", "constant.numeric")

    def test_durations_comparison_and_fields(self):
        text = "  met when r.active_duration <= 3 years and r.archive < 13 months + 30 days"
        self.assertScope(text, "met", "keyword.other.clause")
        self.assertScope(text, "when", "keyword.control.conditional")
        self.assertScope(text, "active_duration", "variable.other.member")
        self.assertScope(text, "<=", "keyword.operator.comparison")
        self.assertScope(text, "3", "constant.numeric.integer")
        self.assertScope(text, "3 years", "constant.numeric.duration")
        self.assertScope(text, "years", "keyword.other.unit")
        self.assertScope(text, "13", "constant.numeric.integer")
        self.assertScope(text, "months", "keyword.other.unit")
        self.assertScope(text, "days", "keyword.other.unit")
        self.assertScope(text, "+", "keyword.operator.arithmetic")
        self.assertScope(text, "and", "keyword.operator.logical")

    def test_kind_confidence_and_status_values(self):
        text = "  kind recommendation\n  confidence unverified\n  status draft\n  kind guidance"
        self.assertScope(text, "kind", "keyword.other.clause")
        self.assertScope(text, "recommendation", "constant.other.kind")
        self.assertScope(text, "confidence", "keyword.other.clause")
        self.assertScope(text, "unverified", "constant.other.confidence")
        self.assertScope(text, "draft", "constant.other.status")
        self.assertNoScope(text, "guidance", "constant.other.kind")  # not a kind of the checker

    def test_soft_keyword_after_a_dot_is_a_field(self):
        text = 'when some d in data_categories satisfies d.kind == "health" and p.status != "x"'
        self.assertScope(text, "kind", "variable.other.member")
        self.assertNoScope(text, "kind", "keyword")
        self.assertScope(text, "status", "variable.other.member")
        self.assertScope(text, "some", "keyword.other.quantifier")
        self.assertScope(text, "some d in", "entity.name.variable", part="d")
        self.assertScope(text, "satisfies", "keyword.other.quantifier")
        self.assertScope(text, "==", "keyword.operator.comparison")

    def test_not_in_and_not(self):
        text = 'when r.start_event not in ["collection", "last_contact"] and not known(r.x)'
        self.assertScope(text, "not in", "keyword.operator.membership", part="not")
        self.assertScope(text, "not in", "keyword.operator.membership", part="in")
        self.assertScope(text, "not", "keyword.operator.logical", nth=1)
        self.assertNoScope(text, "not", "keyword.operator.membership", nth=1)
        self.assertScope(text, "known", "support.function.builtin")
        self.assertScope(text, "[", "punctuation.section.brackets.begin")
        self.assertScope(text, '"collection"', "string.quoted.double")

    def test_count_keyword_and_count_function(self):
        text = "def n = count(p.items) + count x in purposes where x.active == true"
        self.assertScope(text, "count", "support.function.builtin")
        self.assertScope(text, "count", "keyword.other.quantifier", nth=1)
        self.assertScope(text, "x", "entity.name.variable")
        self.assertScope(text, "where", "keyword.other.quantifier")
        self.assertScope(text, "true", "constant.language.boolean")
        self.assertScope(text, "n", "entity.name.function.def")

    def test_string_with_an_escaped_quote(self):
        text = r'title "processing \"likely to result in a high risk\"" // done'
        self.assertScope(text, "title", "keyword.other.header")
        self.assertScope(text, r"\"", "constant.character.escape")
        self.assertScope(text, r"\"", "constant.character.escape", nth=1)
        self.assertScope(text, "likely to result", "string.quoted.double")
        self.assertScope(text, '"', "punctuation.definition.string.end", nth=3)
        self.assertScope(text, "// done", "comment.line.double-slash")
        self.assertNoScope(text, "// done", "string")
        bad = r'title "a \q b"'
        self.assertScope(bad, r"\q", "invalid.illegal.escape")

    def test_comment_markers_inside_a_string_are_text(self):
        text = 'url "https://www.cnil.fr/x" // the page'
        self.assertScope(text, "https://www.cnil.fr/x", "string.quoted.double")
        self.assertNoScope(text, "//www", "comment")
        self.assertScope(text, "// the page", "comment.line.double-slash")

    def test_block_comment_spanning_lines(self):
        text = ("  kind obligation /* first line\n"
                "  rule not_a_rule { kind formality\n"
                "  end */ confidence confirmed")
        self.assertScope(text, "obligation", "constant.other.kind")
        self.assertScope(text, "/* first line", "comment.block")
        self.assertScope(text, "  rule not_a_rule { kind formality", "comment.block")
        self.assertNoScope(text, "rule", "keyword")
        self.assertNoScope(text, "formality", "constant.other.kind")
        self.assertScope(text, "end */", "comment.block")
        self.assertNoScope(text, "confidence", "comment")
        self.assertScope(text, "confidence", "keyword.other.clause")
        self.assertScope(text, "confirmed", "constant.other.confidence")

    def test_policy_header(self):
        text = ("policy cnil.retention.commercial {\n"
                '  title fr "Référentiel" en "Commercial framework"\n'
                '  supersedes cnil.retention.ns048 @ "2016"\n'
                "  import common.gdpr\n"
                "  applies to known(marketing)\n"
                "    fr \"prospection\" en \"prospecting\"\n"
                "}")
        self.assertScope(text, "policy", "keyword.declaration.policy")
        self.assertScope(text, "cnil.retention.commercial", "entity.name.namespace.policy")
        self.assertScope(text, 'en "Commercial', "support.constant.language-tag", part="en")
        self.assertScope(text, "Commercial framework", "string.quoted.double")
        self.assertScope(text, "supersedes", "keyword.other.header")
        self.assertScope(text, "cnil.retention.ns048", "entity.name.namespace.policy")
        self.assertScope(text, "@", "keyword.operator")
        self.assertScope(text, "import", "keyword.control.import")
        self.assertScope(text, "common.gdpr", "entity.name.namespace.module")
        self.assertScope(text, "applies", "keyword.other.header")
        self.assertScope(text, "applies to", "keyword.other.header", part="to")
        self.assertScope(text, "marketing", "variable.other")
        self.assertScope(text, "}", "punctuation.section.block.end", nth=0)

    def test_source_block(self):
        text = ("  source R1 {\n"
                '    publisher "CNIL"\n'
                '    title "Délibération n° 2021-131"\n'
                "    adopted 2021-09-23\n"
                "    status final\n"
                "  }\n"
                "  title fr \"x\" en \"y\"")
        self.assertScope(text, "source", "keyword.declaration.source")
        self.assertScope(text, "R1", "entity.name.constant.source")
        self.assertScope(text, "publisher", "support.type.property-name")
        self.assertScope(text, "title", "support.type.property-name")
        self.assertScope(text, "2021-09-23", "constant.numeric.date")
        self.assertScope(text, "status", "support.type.property-name")
        self.assertScope(text, "final", "constant.other.status")
        self.assertScope(text, "}", "punctuation.section.block.end")
        # After the block, `title` is the policy's header item again.
        self.assertScope(text, "title", "keyword.other.header", nth=1)

    def test_def_table_and_rule_clauses(self):
        text = ('  def is_prospecting(p, q) = p.category in ["prospecting_email"]\n'
                "  table periods (key id: text, duration: duration?) {\n"
                '    "RC-1", 3 years;\n'
                '    "RC-4", none;\n'
                "  }\n"
                "  for r in retention\n"
                "  let p = first x in purposes where x.id == r.purpose\n"
                '  cite gdpr "Art. 5(1)(e)" effective 2018-05-25\n'
                "  see cnil.retention.commercial.last_contact\n"
                '  covers "RT-02" "RC-1"\n'
                '  unless known(r.why) because fr "justifié" en "justified"\n'
                '  note fr "Indicatif."')
        self.assertScope(text, "def", "keyword.declaration.def")
        self.assertScope(text, "is_prospecting", "entity.name.function.def")
        self.assertScope(text, "(p, q)", "variable.parameter", part="p")
        self.assertScope(text, "q", "variable.parameter")
        self.assertScope(text, "category", "variable.other.member")
        self.assertScope(text, "category in", "keyword.operator.membership", part="in")
        self.assertScope(text, "table", "keyword.declaration.table")
        self.assertScope(text, "periods", "entity.name.type.table")
        self.assertScope(text, "key", "keyword.other.key")
        self.assertScope(text, "id", "variable.other.column")
        self.assertScope(text, "text", "support.type.primitive")
        self.assertScope(text, "duration", "variable.other.column")
        self.assertScope(text, "duration", "support.type.primitive", nth=1)
        self.assertScope(text, "?", "keyword.operator.optional")
        self.assertScope(text, ";", "punctuation.terminator")
        self.assertScope(text, "none", "constant.language.none")
        self.assertScope(text, "for", "keyword.control.loop")
        self.assertScope(text, "r in retention", "entity.name.variable", part="r")
        self.assertScope(text, "retention", "variable.other")
        self.assertScope(text, "let", "keyword.declaration.let")
        self.assertScope(text, "first", "keyword.other.quantifier")
        self.assertScope(text, "cite", "keyword.other.clause")
        self.assertScope(text, "gdpr", "variable.other.source-reference")
        self.assertScope(text, "Art. 5(1)(e)", "string.quoted.double")
        self.assertScope(text, "see", "keyword.other.clause")
        self.assertScope(text, "cnil.retention.commercial.last_contact", "variable.other.rule-reference")
        self.assertScope(text, "covers", "keyword.other.clause")
        self.assertScope(text, "unless", "keyword.control.conditional")
        self.assertScope(text, "because", "keyword.other.clause")
        self.assertScope(text, "note", "keyword.other.clause")
        self.assertScope(text, "Indicatif.", "string.quoted.double")

    def test_call_of_a_def_and_stray_characters(self):
        text = "when is_prospecting(p) # §"
        self.assertScope(text, "is_prospecting", "entity.name.function.call")
        self.assertScope(text, "#", "invalid.illegal")
        self.assertScope(text, "§", "invalid.illegal")

    def test_unterminated_string_stops_at_the_end_of_its_line(self):
        for text in ('fr "no end\nkind obligation', 'version "no end\nkind obligation'):
            self.assertScope(text, "no end", "string.quoted.double")
            self.assertScope(text, "kind", "keyword.other.clause")
            self.assertScope(text, "obligation", "constant.other.kind")


class Keywords(unittest.TestCase):
    IDENTIFIER = "variable.other.souple"

    def test_every_lexer_keyword_is_highlighted(self):
        tokens = lexer_literals()
        words = sorted({w for lits in tokens.values() for w in lits if re.fullmatch(r"[a-z_]+", w)})
        self.assertGreaterEqual(len(words), 50, words)
        for must in ("policy", "module", "rule", "implies", "satisfies", "years", "fr", "en", "none"):
            self.assertIn(must, words)
        for word in words:
            with self.subTest(word=word):
                for scopes in TOKENIZER.tokenize(word)[0]:
                    own = [s for s in scopes if s != ROOT_SCOPE]
                    self.assertTrue(own, f"{word}: unscoped")
                    self.assertNotIn(self.IDENTIFIER, own, f"{word}: highlighted as a plain name")
                    self.assertFalse(has(own, "invalid"), f"{word}: {own}")

    def test_soft_keywords_are_fields_after_a_dot(self):
        tokens = lexer_literals()
        soft = soft_keywords()
        self.assertIn("KIND", soft)
        for token in soft:
            for word in tokens[token]:
                with self.subTest(word=word):
                    text = f"when x.{word} == 1"
                    for scopes in scopes_of(text, "." + word, part=word):
                        self.assertIn("variable.other.member.souple", scopes)

    def test_the_checkers_lists_are_the_grammars(self):
        vocabulary_cc = os.path.join(SEMA, "vocabulary.cc")
        for variable, clause, scope in (("kKinds", "kind", "constant.other.kind"),
                                        ("kConfidences", "confidence", "constant.other.confidence")):
            values = cpp_list(vocabulary_cc, variable)
            self.assertTrue(values)
            for value in values:
                with self.subTest(value=value):
                    self.assertTrue(all(has(s, scope) for s in scopes_of(f"{clause} {value}", value)))
        builtins = cpp_list(vocabulary_cc, "kBuiltins")
        self.assertIn("evaluation_date", builtins)
        for name in builtins:
            with self.subTest(builtin=name):
                for s in scopes_of(f"when {name}(x)", name):
                    self.assertIn("support.function.builtin.souple", s)
        fields = cpp_list(vocabulary_cc, "kSourceFields")
        for name in fields:
            with self.subTest(field=name):
                text = f"source S {{\n  {name} \"x\"\n}}"
                for s in scopes_of(text, name):
                    self.assertIn("support.type.property-name.souple", s)


def problems(path, text, lines):
    """Non-blank characters with no scope of their own, or in an invalid scope."""
    out = []
    for number, (line, chars) in enumerate(zip(text.split("\n"), lines), start=1):
        for col, (c, scopes) in enumerate(zip(line, chars), start=1):
            if c.isspace():
                continue
            if scopes == (ROOT_SCOPE,):
                out.append(f"{path}:{number}:{col}: {c!r} unscoped")
            elif has(scopes, "invalid"):
                out.append(f"{path}:{number}:{col}: {c!r} {scopes[-1]}")
    return out


class Corpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = sorted(glob.glob(os.path.join(ROOT, "policies", "**", "*.souple"), recursive=True))

    def test_problem_finder_reports_what_it_should(self):
        text = "rule r { § }"
        found = problems("x", text, TOKENIZER.tokenize(text))
        self.assertEqual(found, ["x:1:10: '§' invalid.illegal.character.souple"])
        bare = {"scopeName": ROOT_SCOPE, "patterns": [{"match": "rule", "name": "keyword.souple"}]}
        found = problems("x", "rule r", Tokenizer(bare).tokenize("rule r"))
        self.assertEqual(found, ["x:1:6: 'r' unscoped"])

    def test_whole_corpus(self):
        self.assertGreater(len(self.files), 50)
        found, rules, kinds, messages, placeholders = [], 0, 0, 0, 0
        for path in self.files:
            rel = os.path.relpath(path, ROOT)
            text = read(path)
            try:
                lines = TOKENIZER.tokenize(text)
            except TokenizerError as e:
                self.fail(f"{rel}: {e}")
            found += problems(rel, text, lines)
            for number, line in enumerate(text.split("\n")):
                chars = lines[number]

                def check(start, end, scope, what):
                    for col in range(start, end):
                        if not has(chars[col], scope):
                            found.append(f"{rel}:{number + 1}:{col + 1}: {what} not {scope}: {chars[col]}")
                            return

                m = re.match(r"\s*rule\s+(\w+)", line)
                if m:
                    rules += 1
                    check(m.start(1), m.end(1), "entity.name.function.rule", "rule name")
                m = re.match(r"\s*kind\s+(\w+)", line)
                if m:
                    kinds += 1
                    check(m.start(1), m.end(1), "constant.other.kind", "kind")
                m = re.match(r'\s*(fr|en)\s+("(?:[^"\\]|\\.)*")', line)
                if m:
                    messages += 1
                    check(m.start(1), m.end(1), "support.constant.language-tag", "language tag")
                    check(m.start(2), m.end(2), "string.quoted.double", "message")
                    for p in re.finditer(r"(?<!\{)\{([A-Za-z_][\w.]*)\}", line):
                        placeholders += 1
                        check(p.start(1), p.end(1), "variable.other.placeholder", "placeholder")
        self.assertEqual(found[:30], [], f"{len(found)} problems")
        # The corpus as the README counts it (555 rules); every rule has a kind.
        self.assertGreater(rules, 500)
        self.assertEqual(kinds, rules)
        self.assertGreater(messages, 1000)
        self.assertGreater(placeholders, 500)


if __name__ == "__main__":
    unittest.main()
