"""Hostile and broken input: every file of ``tests/badinput/`` (and a few made here).

Each bad input is tried the way an editor would meet it: read by the stage
that owns it (a fast, exact check of the message and line), and through the
real ``sitegen`` command in a subprocess, whose stderr must never hold a
traceback. The built HTML is parsed to prove that no script, event handler or
``javascript:`` link from the input reaches a page, and every file written is
checked to lie inside the output folder. The table in ``docs/reliability.md``
lists the same cases.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.brief.content import load_content, note_from, read_document
from sitegen.build import build as build_site
from sitegen.config import load_config
from sitegen.errors import ConfigError, ContentError
from sitegen.extract import extract
from sitegen.ingest.articles import read_article
from sitegen.site.templating import FAVICON

REPO = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "badinput"
GOOD_SEED = REPO / "seeds" / "000_920f42d0087abd68.txt"
SECRET = "TOP-SECRET-OUTSIDE-THE-PROJECT"

SEED_ERRORS = {
    "empty.txt": "the file is empty",
    "blank.txt": "the file is empty",
    "binary.txt": "looks like a binary file (it contains NUL bytes, first at offset 8)",
    "utf16.txt": "looks like a binary file",
    "nul_in_middle.txt": "looks like a binary file (it contains NUL bytes, first at offset 31)",
    "latin1.txt": "is not valid UTF-8 (byte 0xe0 at offset 12)",
    "headline_only.txt": "has a headline but no body text",
}
"""Seeds that are refused: file -> what the message says."""
SEEDS_READ = sorted({p.name for p in (BAD / "seeds").iterdir()} - set(SEED_ERRORS))
"""Seeds that are odd but readable (CRLF, BOM, bad quotes, HTML, control characters)."""

NOTE_ERRORS = {
    "duplicate_keys.md": (4, "duplicate key 'title' on lines 2 and 4"),
    "python_object.md": (2, "the tag '!!python/object/apply:os.system' is not allowed"),
    "python_name.md": (3, "the tag '!!python/name:os.system' is not allowed"),
    "yaml_bomb.md": (3, "alias '*a' refused: anchors and aliases"),
    "bad_date.md": (3, "month must be in 1..12"),
    "list_key.md": (3, "a key must be plain text"),
    "surrogate_escape.md": (2, "lone surrogate"),
    "unclosed.md": (1, "never closed"),
    "not_a_mapping.md": (2, "must be a mapping"),
    "latin1.md": (None, "not UTF-8 text"),
}
"""Notes that are refused: file -> (line, what the message says)."""

SITE_ERRORS = {
    "yaml_bomb.yaml": "site.yaml:2: bad YAML: alias '*a' refused",
    "python_object.yaml": "site.yaml:1: bad YAML: the tag '!!python/object/apply:os.system' is not",
    "duplicate_keys.yaml": "site.yaml:3: bad YAML: duplicate key 'title' on lines 1 and 3",
    "syntax_error.yaml": "site.yaml:2: bad YAML: expected ',' or ']'",
    "latin1.yaml": "site.yaml: not UTF-8 text (byte 0xe8 at offset 10)",
    "wrong_types.yaml": "site.yaml:3: issues: must be a list",
}
"""site.yaml files that stop every command: file -> the message."""

TEMPLATE_ERRORS = {
    "syntax_error.html": "templates/source.html:3: while rendering /sources/",
    "undefined_variable.html": "templates/source.html:4: ",
    "missing_include.html": "templates/source.html:3: ",
    "runtime_error.html": "templates/source.html:4: ",
    "latin1.html": "templates/source.html: ",
}
TEMPLATE_WORDS = {
    "syntax_error.html": "unexpected '}'",
    "undefined_variable.html": "'no_such_variable' is undefined",
    "missing_include.html": "template 'no-such-part.html' not found",
    "runtime_error.html": "ZeroDivisionError",
    "latin1.html": "not UTF-8",
}


# ------------------------------------------------------------------ helpers


def sitegen(
    *args: str, cwd: Path | None = None, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command line; its stderr must never show a traceback or a bug."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    full_env.pop("SITEGEN_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen.cli", *args],
        cwd=cwd or REPO,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    return proc


def make_project(
    root: Path,
    *,
    seeds: Sequence[Path] = (),
    notes: Sequence[Path] = (),
    site_yaml: Path | None = None,
    good_seed: bool = True,
) -> Path:
    """A project folder with one real seed and the given bad files copied in."""
    (root / "seeds").mkdir(parents=True)
    (root / "content" / "notes").mkdir(parents=True)
    if good_seed:
        shutil.copy(GOOD_SEED, root / "seeds" / GOOD_SEED.name)
    for path in seeds:
        shutil.copy(path, root / "seeds" / path.name)
    for path in notes:
        shutil.copy(path, root / "content" / "notes" / path.name)
    if site_yaml is not None:
        shutil.copy(site_yaml, root / "site.yaml")
    return root


class _Tags(HTMLParser):
    """Every start tag with its attributes and line, and the text inside scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], int]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs, self.getpos()[0]))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs, self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_text.append(data)


_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.IGNORECASE)
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background"}
OWN_SCRIPTS = ("/static/", "/pagefind/")


def unsafe_bits(html: str) -> list[str]:
    """Anything in a page that could run script: the browser's view, not a grep."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    found = [f"inline script: {text[:60]!r}" for text in parser.script_text]
    for tag, attrs, line in parser.tags:
        if tag in ("iframe", "object", "embed", "base", "frame", "applet"):
            found.append(f"line {line}: <{tag}>")
        if tag == "script" and not str(dict(attrs).get("src") or "").startswith(OWN_SCRIPTS):
            found.append(f"line {line}: <script {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"line {line}: <{tag} {name}={value!r}>")
            url = re.sub(r"[\x00-\x20]", "", value or "")  # browsers drop these in a scheme
            own_icon = tag == "link" and value == FAVICON  # sitegen's own inline SVG icon
            if name in _URL_ATTRS and _BAD_SCHEME.match(url) and not own_icon:
                found.append(f"line {line}: <{tag} {name}={value!r}>")
            if name == "http-equiv" and (value or "").lower() == "refresh":
                found.append(f"line {line}: <meta http-equiv=refresh>")
    return found


def all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def assert_inside(out: Path) -> None:
    """Every file of the output is a real file inside it (no symlink, no escape)."""
    real = out.resolve()
    for path in all_files(out):
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(real), path


# ------------------------------------------------------------------ seeds, one by one


@pytest.mark.parametrize("name", sorted(SEED_ERRORS))
def test_bad_seed_is_refused_with_a_message(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path, seeds=[BAD / "seeds" / name], good_seed=False)
    with pytest.raises(ContentError) as caught:
        read_article(root / "seeds" / name, root)
    assert caught.value.file == f"seeds/{name}"
    assert SEED_ERRORS[name] in caught.value.message


@pytest.mark.parametrize("name", SEEDS_READ)
def test_odd_seed_is_read_and_its_facts_are_its_own_words(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path, seeds=[BAD / "seeds" / name], good_seed=False)
    article = read_article(root / "seeds" / name, root)
    text = (BAD / "seeds" / name).read_bytes().decode("utf-8")
    folded = " ".join(text.removeprefix("\ufeff").split())
    assert article.sentences
    for part in [article.title, *article.paragraphs]:
        assert "\r" not in part and not part.startswith("\ufeff")
    for sentence in article.sentences:
        assert " ".join(sentence.text.split()) in folded
    facts = extract(article)
    for quote in facts.quotes:
        assert " ".join(quote.text.split()) in folded


def test_crlf_and_bom_read_like_unix_text(tmp_path: Path) -> None:
    root = make_project(tmp_path, seeds=[BAD / "seeds" / "crlf_bom.txt"], good_seed=False)
    article = read_article(root / "seeds" / "crlf_bom.txt", root)
    assert article.title == "Ceasefire talks resume in Doha"
    assert str(article.dateline) == "2024-03-04"
    assert article.paragraphs[-1] == "Israel and Hamas did not comment."
    unix = tmp_path / "unix"
    (unix / "seeds").mkdir(parents=True)
    raw = (BAD / "seeds" / "crlf_bom.txt").read_bytes()
    (unix / "seeds" / "crlf_bom.txt").write_bytes(raw[3:].replace(b"\r\n", b"\n"))
    same = read_article(unix / "seeds" / "crlf_bom.txt", unix)
    assert [s.text for s in same.sentences] == [s.text for s in article.sentences]


def test_unbalanced_quotes_stay_inside_their_paragraph(tmp_path: Path) -> None:
    name = "unbalanced_quotes.txt"
    root = make_project(tmp_path, seeds=[BAD / "seeds" / name], good_seed=False)
    article = read_article(root / "seeds" / name, root)
    for quote in extract(article).quotes:
        paragraph = article.paragraphs[article.sentences[quote.sentence].paragraph]
        assert quote.text.strip() in paragraph  # an unclosed mark never swallows the next one


def test_a_10000_character_line_is_read_quickly(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    words = "The mediators said the delegations would meet again in Geneva next week"
    sentences = " ".join(f"{words} ({n})." for n in range(140))
    no_stop = " ".join(["ceasefire talks resume"] * 460)
    for name, line in {"stops.txt": sentences, "nostop.txt": no_stop}.items():
        assert len(line) >= 10_000
        path = tmp_path / "seeds" / name
        path.write_text(f"Talks in Geneva\n\n{line}\n", encoding="utf-8")
        started = time.process_time()
        article = read_article(path, tmp_path)
        extract(article)
        assert time.process_time() - started < 5
        assert all(s.text in line for s in article.sentences)
    assert len(read_article(tmp_path / "seeds" / "stops.txt", tmp_path).sentences) == 140


def test_a_50_mb_article_is_refused_quickly(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    paragraph = GOOD_SEED.read_text(encoding="utf-8").split("\n\n", 1)[1]
    with (root / "seeds" / "huge.txt").open("w", encoding="utf-8") as fh:
        fh.write("A very long scrape\n\n")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(paragraph + "\n\n")
    try:
        proc = sitegen("export", str(root), timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("a 50 MB article kept sitegen busy for more than 5 s")
    assert proc.returncode == 0
    assert re.search(r"seeds/huge\.txt: .*(MB|too (big|large))", proc.stderr), proc.stderr
    assert [a["id"] for a in json.loads(proc.stdout)["articles"]] == [GOOD_SEED.stem]


# ------------------------------------------------------------------ front matter and site.yaml


@pytest.mark.parametrize("name", sorted(NOTE_ERRORS))
def test_bad_front_matter_is_an_error_with_its_line(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path, notes=[BAD / "notes" / name], good_seed=False)
    line, words = NOTE_ERRORS[name]
    with pytest.raises(ContentError) as caught:
        note_from(read_document(root / "content" / "notes" / name, root))
    assert caught.value.file == f"content/notes/{name}"
    assert caught.value.line == line
    assert words in caught.value.message
    found = load_content(root)  # the same problem, as one diagnostic among others
    assert [(d.file, d.line, d.level) for d in found.diagnostics] == [
        (f"content/notes/{name}", line, "error")
    ]
    assert found.notes == []


def test_python_tags_run_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path, notes=[BAD / "notes" / "python_object.md"])
    shutil.copy(BAD / "site" / "python_object.yaml", root / "site.yaml")
    sitegen("export", str(root), cwd=root)
    (root / "site.yaml").unlink()
    sitegen("build", str(root), cwd=root)
    assert not list(tmp_path.rglob("pwned.txt"))


@pytest.mark.parametrize("name", sorted(SITE_ERRORS))
def test_bad_site_yaml_is_one_clear_error(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path, site_yaml=BAD / "site" / name)
    started = time.process_time()
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert time.process_time() - started < 1  # refused, not expanded
    assert SITE_ERRORS[name] in str(caught.value)


@pytest.mark.parametrize("command", ["build", "export", "check"])
@pytest.mark.parametrize("name", ["yaml_bomb.yaml", "python_object.yaml", "duplicate_keys.yaml"])
def test_bad_site_yaml_stops_every_command_without_a_traceback(
    tmp_path: Path, name: str, command: str
) -> None:
    root = make_project(tmp_path, site_yaml=BAD / "site" / name)
    proc = sitegen(command, str(root), timeout=20)
    assert proc.returncode == 1
    assert SITE_ERRORS[name] in proc.stderr
    assert not (root / "_site").exists()


def test_a_yaml_bomb_in_front_matter_is_refused_before_it_grows(tmp_path: Path) -> None:
    import tracemalloc

    root = make_project(tmp_path, notes=[BAD / "notes" / "yaml_bomb.md"], good_seed=False)
    tracemalloc.start()
    started = time.process_time()
    found = load_content(root)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert time.process_time() - started < 1 and peak < 5_000_000
    assert "alias '*a' refused" in found.diagnostics[0].message


@pytest.mark.parametrize(
    "text, words",
    [
        ("---\ntitle: " + "[" * 500 + "]" * 500 + "\n---\n", "nested more than"),
        ("---\n" + "".join(" " * i + f"k{i}:\n" for i in range(300)) + "---\n", "nested more"),
        ("---\ntitle: 1" + "0" * 5000 + "\n---\n", "bad value"),
        ('---\ntitle: "a\\0b"\n---\n', "NUL"),
        ("---\na: &x 1\nb: &x 2\n---\n", "duplicate anchor"),
        ("---\ntitle: !custom x\n---\n", "tag '!custom' is not allowed"),
    ],
    ids=["deep-list", "deep-map", "huge-int", "nul-escape", "duplicate-anchor", "custom-tag"],
)
def test_pathological_front_matter(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "content" / "n.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_document(path, tmp_path)
    assert words in caught.value.message and caught.value.line


# ------------------------------------------------------------------ the whole corpus at once


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Every bad seed and note in one project, through build, export and check."""
    base = tmp_path_factory.mktemp("corpus")
    root = make_project(
        base / "project",
        seeds=sorted((BAD / "seeds").iterdir()),
        notes=sorted((BAD / "notes").iterdir()),
    )
    actors = root / "content" / "actors"
    actors.mkdir()
    (actors / '<b>evil"...md').write_text(
        '---\nname: "<script>alert(1)</script> \\" ../../x"\naliases: ["../../../etc"]\n---\n'
        '<img src=x onerror="alert(2)">\n',
        encoding="utf-8",
    )
    before = sorted(p.name for p in base.iterdir())
    build = sitegen("build", str(root), "-o", str(base / "out"), cwd=base)
    export = sitegen("export", str(root), cwd=base)
    check = sitegen("check", str(root), cwd=base)
    refused = sorted(p.name for p in base.iterdir())
    # The editors' errors refuse every command above; the preview's first build still
    # writes the site with them (there is no last good one to keep): that is the site
    # whose pages must hold no script.
    full = load_config(root, base_url="https://example.org/")  # with its sitemap and feed
    build_site(full, base / "out", refuse=lambda _diag: False)
    return {
        "refused": (before, refused),
        "root": root,
        "out": base / "out",
        "build": build,
        "export": export,
        "check": check,
        "siblings": (before, sorted(p.name for p in base.iterdir())),
    }


def test_corpus_every_command_names_every_bad_file(corpus_run: dict[str, object]) -> None:
    build, export, check = (corpus_run[k] for k in ("build", "export", "check"))
    assert isinstance(build, subprocess.CompletedProcess)
    assert isinstance(export, subprocess.CompletedProcess)
    assert isinstance(check, subprocess.CompletedProcess)
    assert (build.returncode, export.returncode, check.returncode) == (1, 1, 1)
    for proc in (build, export, check):
        for name, words in SEED_ERRORS.items():
            assert f"seeds/{name}: {words}" in proc.stderr
        for name, (line, words) in NOTE_ERRORS.items():
            where = f"content/notes/{name}:{line}: " if line else f"content/notes/{name}: "
            assert re.search(re.escape(where) + ".*" + re.escape(words), proc.stderr), name
    assert export.stdout == ""
    before, refused = corpus_run["refused"]  # type: ignore[misc]
    assert refused == before  # the refused build wrote nothing
    out = corpus_run["out"]
    assert isinstance(out, Path)
    briefing = json.loads((out / "data" / "briefing.json").read_text(encoding="utf-8"))
    ids = {a["id"] for a in briefing["articles"]}
    assert ids == {GOOD_SEED.stem} | {Path(n).stem for n in SEEDS_READ}


def test_corpus_no_script_reaches_a_page(corpus_run: dict[str, object]) -> None:
    out = corpus_run["out"]
    assert isinstance(out, Path)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert unsafe_bits(html) == [], page
        assert "<script>alert" not in html and "<img src=x" not in html
        assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f]", html), page
    for name in ("feed.xml", "sitemap.xml"):
        text = (out / name).read_text(encoding="utf-8")
        assert "<script" not in text and "javascript:" not in text
    note = (out / "notes" / "script_and_links" / "index.html").read_text(encoding="utf-8")
    assert "<p>&lt;script&gt;alert('body')&lt;/script&gt;</p>" in note  # shown, not run
    source = (out / "sources" / "html_and_script" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;headline&#39;)&lt;/script&gt;" in source


def test_corpus_every_file_is_written_inside_the_output(corpus_run: dict[str, object]) -> None:
    out = corpus_run["out"]
    assert isinstance(out, Path)
    assert_inside(out)
    before, after = corpus_run["siblings"]  # type: ignore[misc]
    assert after == sorted([*before, "out"])  # nothing beside the output, no temp folder
    slugs = [p.relative_to(out).as_posix() for p in out.rglob("*")]
    assert all(".." not in s and "<" not in s and '"' not in s for s in slugs)
    assert (out / "notes" / "bom_crlf" / "index.html").is_file()
    assert "A note saved on Windows" in (out / "notes" / "bom_crlf" / "index.html").read_text()


# ------------------------------------------------------------------ symlinks


def test_symlinks_out_of_the_project_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n")
    (outside / "dir").mkdir()
    (outside / "dir" / "leak.md").write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n")
    root = make_project(tmp_path / "project")
    (root / "content" / "notes" / "leak.md").symlink_to(outside / "secret.md")
    (root / "content" / "notes" / "folder").symlink_to(outside / "dir")
    (root / "seeds" / f"{GOOD_SEED.stem}.md").symlink_to(outside / "secret.md")
    proc = sitegen("build", str(root))
    assert proc.returncode == 1  # an editor's file that is not there is an error
    assert "content/notes/leak.md: points outside the project" in proc.stderr
    assert f"seeds/{GOOD_SEED.stem}.md: points outside the project" in proc.stderr
    assert not (root / "_site").exists()
    build_site(load_config(root), root / "_site", refuse=lambda _diag: False)  # as previewed
    assert (root / "_site" / "index.html").is_file()
    for path in all_files(root / "_site"):
        assert SECRET.encode() not in path.read_bytes(), path


def test_symlinked_seed_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(f"Secret headline\n\n{SECRET} was said on Monday.\n")
    root = make_project(tmp_path / "project")
    (root / "seeds" / "leak.txt").symlink_to(outside)
    proc = sitegen("export", str(root))
    assert SECRET not in proc.stdout
    assert "seeds/leak.txt: " in proc.stderr and "outside the project" in proc.stderr


# ------------------------------------------------------------------ URLs


@pytest.mark.parametrize(
    "first, second, url",
    [
        ("content/notes/talks.md", "content/talks.md", "/notes/talks/"),
        ("content/notes/rounds/doha.md", "content/rounds/doha.md", "/notes/rounds/doha/"),
    ],
)
def test_two_notes_claiming_one_url_is_an_error_naming_both(
    tmp_path: Path, first: str, second: str, url: str
) -> None:
    root = make_project(tmp_path)
    for rel in (first, second):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"---\ntitle: {rel}\n---\nText.\n", encoding="utf-8")
    for command in ("build", "check"):
        proc = sitegen(command, str(root))
        assert proc.returncode == 1
        assert f"'{first}' and '{second}' both claim {url}" in proc.stderr
    assert not (root / "_site").exists()


def test_a_note_cannot_take_a_generated_page(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for name in ("index", "feed.xml", "404", "..", "search"):
        (root / "content" / "notes" / f"{name}.md").write_text(
            f"---\ntitle: Note {name}\n---\nText.\n", encoding="utf-8"
        )
    assert sitegen("build", str(root), "--base-url", "https://example.org/").returncode == 0
    out = root / "_site"
    assert_inside(out)
    assert "Editor notes" in (out / "notes" / "index.html").read_text(encoding="utf-8")
    assert (out / "feed.xml").read_text().startswith("<?xml")
    assert "Page not found" in (out / "404.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ templates


@pytest.mark.parametrize("name", sorted(TEMPLATE_ERRORS))
def test_a_bad_template_override_is_file_line_message(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path)
    (root / "templates").mkdir()
    shutil.copy(BAD / "templates" / name, root / "templates" / "source.html")
    proc = sitegen("build", str(root))
    assert proc.returncode == 1
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("error: templates/"))
    assert line.startswith("error: " + TEMPLATE_ERRORS[name]), line
    assert TEMPLATE_WORDS[name] in line
    assert not (root / "_site").exists()


def test_a_bad_template_fails_check_too_and_export_does_not_need_it(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "templates").mkdir()
    shutil.copy(BAD / "templates" / "undefined_variable.html", root / "templates" / "source.html")
    check = sitegen("check", str(root))
    assert check.returncode == 1 and "templates/source.html:4: " in check.stderr
    assert sitegen("export", str(root)).returncode == 0


# ------------------------------------------------------------------ atomic output


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in all_files(folder)}


KILLER = """
import pathlib, sys, time
import sitegen.output.write
from sitegen.cli import main
flag, after = pathlib.Path(sys.argv[1]), int(sys.argv[2])
original, count = sitegen.output.write._write_file, [0]
def write_file(path, data):
    original(path, data)
    if ".sitegen-tmp-" in str(path):
        count[0] += 1
        if count[0] == after:
            flag.write_text(str(path))
            time.sleep(60)
sitegen.output.write._write_file = write_file
sys.exit(main(sys.argv[3:]))
"""


def test_a_build_killed_while_writing_pages_leaves_the_last_site_whole(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    (root / "site.yaml").write_text("title: First edition\n", encoding="utf-8")
    out = tmp_path / "out"
    assert sitegen("build", str(root), "-o", str(out)).returncode == 0
    before = _tree(out)
    assert "pagefind/bundles.json" in before and "static/style.css" in before
    (root / "site.yaml").write_text("title: Second edition\n", encoding="utf-8")
    flag = tmp_path / "writing"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(flag), "5", "build", str(root), "-o", str(out), "-q"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        deadline = time.monotonic() + 60
        while not flag.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert flag.exists(), "the build never reached its fifth page"
        assert ".sitegen-tmp-" in flag.read_text()  # killed between two page writes
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert _tree(out) == before  # every file, byte for byte
    assert sitegen("build", str(root), "-o", str(out)).returncode == 0
    assert "Second edition" in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "project", "writing"]


def test_builds_killed_at_random_moments_leave_old_or_new_never_a_mix(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    out, new = tmp_path / "out", tmp_path / "reference"
    (root / "site.yaml").write_text("title: Second edition\n", encoding="utf-8")
    assert sitegen("build", str(root), "-o", str(new), "--no-cache").returncode == 0
    (root / "site.yaml").write_text("title: First edition\n", encoding="utf-8")
    assert sitegen("build", str(root), "-o", str(out)).returncode == 0
    old_tree = _tree(out)
    new_tree = {k: v for k, v in _tree(new).items() if not k.startswith("pagefind/")}
    (root / "site.yaml").write_text("title: Second edition\n", encoding="utf-8")
    for delay in (0.2, 0.45, 0.7):
        proc = subprocess.Popen(
            [sys.executable, "-m", "sitegen.cli", "build", str(root), "-o", str(out), "-q"],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        now = _tree(out)
        if now != old_tree:
            assert {k: v for k, v in now.items() if not k.startswith("pagefind/")} == new_tree
            assert any(k.startswith("pagefind/") for k in now) == any(
                k.startswith("pagefind/") for k in old_tree
            )
            old_tree = now


# ------------------------------------------------------------------ the dev server


def _raw_request(port: int, target: str) -> tuple[int, dict[str, str], bytes]:
    """Send a request line exactly as given (no client normalises it)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines)}
    return int(status.split()[1]), headers, body


def test_dev_server_serves_only_the_output_with_the_right_types(
    corpus_run: dict[str, object], tmp_path: Path
) -> None:
    import threading

    from sitegen.serve.devserver import DevHTTPServer, LiveState

    out = corpus_run["out"]
    assert isinstance(out, Path)
    (out.parent / "secret.txt").write_text(SECRET, encoding="utf-8")
    server = DevHTTPServer(("127.0.0.1", 0), out, LiveState())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = int(server.server_address[1])
        for target in [
            "../secret.txt",
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2e%2e%2fsecret.txt",
            "/static/..%2f..%2fsecret.txt",
            "/%252e%252e/secret.txt",
            "/static/%2e%2e/%2e%2e/secret.txt",
            "/..%5csecret.txt",
            "http://127.0.0.1/../secret.txt",
            f"/{'..%2f' * 12}{out.parent.as_posix().lstrip('/')}/secret.txt",
            "/notes/../../secret.txt",
            "/%c0%ae%c0%ae/secret.txt",
            "/./secret.txt",
            "*",
        ]:
            code, _, body = _raw_request(port, target)
            assert code in (400, 404), (target, code)
            assert SECRET.encode() not in body, target
        pagefind = (
            sorted((out / "pagefind").glob("*.js"))[:1] if (out / "pagefind").is_dir() else []
        )
        wanted = {
            "/": "text/html; charset=utf-8",
            "/feed.xml": "application/xml",
            "/sitemap.xml": "application/xml",
            "/robots.txt": "text/plain; charset=utf-8",
            "/data/briefing.json": "application/json",
            **{
                "/" + p.relative_to(out).as_posix(): "text/javascript; charset=utf-8"
                for p in pagefind
            },
            **{
                "/" + p.relative_to(out).as_posix(): "text/css; charset=utf-8"
                for p in sorted((out / "static").glob("*.css"))[:1]
            },
        }
        for target, kind in wanted.items():
            code, headers, _ = _raw_request(port, target)
            assert (code, headers.get("content-type")) == (200, kind), target
            assert headers.get("x-content-type-options") == "nosniff"
    finally:
        server.shutdown()
        server.server_close()


def test_serve_listens_on_localhost_unless_told_otherwise() -> None:
    import inspect

    from sitegen.cli import _parser
    from sitegen.serve.preview import DevServer, serve

    assert _parser().parse_args(["serve", str(REPO)]).host == "127.0.0.1"
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(DevServer).parameters["host"].default == "127.0.0.1"
