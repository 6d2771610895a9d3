"""The command line: a thin argparse layer; errors become messages and exit codes here.

Exit codes: 0 success, 1 a problem in the input or the build, 2 bad usage,
70 a bug in sitegen itself (reported in one line; ``SITEGEN_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen import __version__
from sitegen.errors import InputErrors, SitegenError
from sitegen.ingest.progress import TERMINAL_SAFE

if TYPE_CHECKING:
    from sitegen.config import Config
    from sitegen.ingest.progress import Reporter
    from sitegen.output.uptodate import BuildResult

EPILOG = """\
Start a new project with 'sitegen init DIR'. A project folder holds seeds/*.txt
(raw articles), optional seeds/NAME.md sidecars, content/**/*.md editor notes,
templates/ overrides and site.yaml.
Run 'sitegen COMMAND --help' for a command's options."""


def _project(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"'{value}' is not a folder")
    return path.resolve()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="Build a static briefing site that follows a negotiation from the news.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def project_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "project",
            nargs="?",
            default=".",
            type=_project,
            metavar="PROJECT_DIR",
            help="the project folder (default: the current folder)",
        )

    def strict_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--strict",
            action="store_true",
            help="fail (exit 1) on any problem in the input instead of warning",
        )

    export = sub.add_parser(
        "export",
        help="print the briefing as JSON on stdout",
        description="Print the whole structured briefing (schema sitegen.briefing/1) as JSON "
        "on stdout. Warnings about the input go to stderr.",
    )
    project_arg(export)
    strict_arg(export)

    build = sub.add_parser(
        "build",
        help="build the static site",
        description="Build the static site into OUT. The previous output stays whole "
        "until the new one is complete.",
    )
    project_arg(build)
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="OUT",
        help="output folder (default: PROJECT_DIR/_site)",
    )
    build.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="where the site will be served, e.g. https://example.org/briefing/ "
        "(default: base_url in site.yaml, else /)",
    )
    strict_arg(build)
    build.add_argument(
        "--no-cache", action="store_true", help="ignore the extraction cache and rebuild everything"
    )
    build.add_argument(
        "-q", "--quiet", action="store_true", help="print only problems (no progress, no summary)"
    )
    build.add_argument(
        "--timings",
        action="store_true",
        help="also print the wall and CPU seconds of each stage to stderr, as one line of "
        "JSON after 'sitegen-timings: ' (bench/run.py reads it)",
    )
    build.add_argument(
        "--follow-output-link",
        action="store_true",
        help="build through a symbolic link in the project that leads the output out of it "
        "(refused by default: a cloned project could point it anywhere)",
    )

    serve = sub.add_parser(
        "serve",
        help="preview the site, rebuilding and reloading the browser on every change",
        description="Build the site, serve it at http://HOST:PORT/ and watch seeds/, "
        "content/, templates/ and site.yaml: every change rebuilds (only the changed "
        "articles are extracted again) and open pages reload by themselves once the "
        "rebuild is done. A change that breaks the build shows its problems over the "
        "page while the last good site stays up; saving the fix recovers. As with "
        "'mkdocs serve' (and Hugo's server), the preview is built into a temporary "
        "folder that is removed on exit: PROJECT_DIR/_site and deployments are never "
        "touched; use 'sitegen build' for those.",
    )
    project_arg(serve)
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only; "
        "0.0.0.0 shows the preview to your whole network)",
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="port to listen on (default: 8000; 0: any free one)"
    )
    serve.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="build for this URL and serve under its path, e.g. "
        "http://127.0.0.1:8000/briefing/ (default: base_url in site.yaml, else /)",
    )
    serve.add_argument(
        "--no-cache", action="store_true", help="ignore the extraction cache and rebuild everything"
    )

    init = sub.add_parser(
        "init",
        help="start a new project: site.yaml, seeds/, content/ and a .gitignore",
        description="Make a new project folder for a negotiation: a site.yaml with every "
        "key written out and explained, an empty seeds/ for the articles, content/ with "
        "an example editor note, and a .gitignore for the output and the cache. Then "
        "prints the commands to run next. Never overwrites a file: if one of these "
        "files exists, nothing is written and the exit code is 1.",
    )
    init.add_argument(
        "project",
        nargs="?",
        default=".",
        type=Path,
        metavar="DIR",
        help="the folder to make the project in (default: the current folder; made if missing)",
    )

    check = sub.add_parser(
        "check",
        help="validate notes, references, links and anchors",
        description="Build into a temporary folder and check every note, reference, internal "
        "link and anchor. Exit 1 on any problem, each reported as file:line.",
    )
    project_arg(check)
    return parser


def _say(message: str) -> None:
    print(message.translate(TERMINAL_SAFE), file=sys.stderr, flush=True)


def cmd_export(args: argparse.Namespace) -> int:
    from sitegen.brief.gather import load_briefing
    from sitegen.config import load_config
    from sitegen.output.export import dumps

    config = load_config(args.project)
    briefing = load_briefing(config, strict=args.strict)
    refused = [d for d in briefing.diagnostics if d.stops_build]
    for diag in briefing.diagnostics:
        if diag not in refused:
            _say(f"warning: {diag}" if diag.level == "warning" else f"error: {diag}")
    if refused:
        raise InputErrors(refused, briefing.diagnostics, "in what editors wrote; nothing exported")
    sys.stdout.write(dumps(briefing))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    import time

    from sitegen.config import load_config
    from sitegen.ingest.progress import Console, Reporter
    from sitegen.output.uptodate import up_to_date

    started = time.perf_counter()
    config = load_config(args.project, base_url=args.base_url)
    # not resolved: a link on the way must be seen (build refuses one leading out)
    out = Path(os.path.abspath(args.output)) if args.output else args.project / "_site"
    console = Console.of(sys.stderr)
    reporter = Reporter(console, quiet=args.quiet)
    try:
        with console.python_warnings():
            inputs, fresh = None, None
            if not args.no_cache:  # before importing the pipeline: most of a warm build
                inputs, fresh = up_to_date(
                    config, out, strict=args.strict, reporter=reporter, started=started
                )
            result: BuildResult = fresh or _build(args, config, out, reporter, inputs)
    except InputErrors as exc:  # every problem found (each once), those that stopped it last
        console.settle()
        for diag in exc.current:
            if diag not in exc.refused:
                reporter.diagnostic(diag)
        for diag in exc.refused:
            reporter.problem(f"error: {diag}")
        reporter.problem(f"error: {exc.summary}")
        return 1
    finally:
        console.settle()  # a stage cut short leaves no half line before the error
    for diag in result.diagnostics:
        reporter.diagnostic(diag)  # those not shown yet
    if args.timings:
        _say(timings_line(result.seconds, result.times, result.cpu))
    if result.previous is not None:  # done and reported: the old tree goes without a wait
        from sitegen.output.write import remove_later

        remove_later(result.previous)
    return 0


def _build(
    args: argparse.Namespace, config: Config, out: Path, reporter: Reporter, inputs: str | None
) -> BuildResult:
    from sitegen.build import build

    return build(
        config,
        out,
        strict=args.strict,
        use_cache=not args.no_cache,
        progress=reporter,
        follow_link=args.follow_output_link,
        inputs=inputs,
        keep_previous=True,
    )


def timings_line(seconds: float, wall: dict[str, float], cpu: dict[str, float]) -> str:
    """``sitegen-timings: {...}``: each stage's wall and CPU seconds, and the whole
    process's CPU so far (start-up and imports included), for ``bench/run.py``."""
    from sitegen.ingest.progress import cpu_seconds

    data = {"wall": wall, "cpu": cpu, "wall_total": seconds, "cpu_total": cpu_seconds()}
    return "sitegen-timings: " + json.dumps(data, sort_keys=True)


def cmd_serve(args: argparse.Namespace) -> int:
    from sitegen.ingest.progress import Console
    from sitegen.serve.preview import serve

    console = Console.of(sys.stderr)
    with console.python_warnings():
        return serve(
            args.project,
            host=args.host,
            port=args.port,
            base_url=args.base_url,
            use_cache=not args.no_cache,
            console=console,
        )


def cmd_check(args: argparse.Namespace) -> int:
    from sitegen.check import check

    problems = check(args.project)
    for diag in problems:
        _say(str(diag))
    _say(f"{len(problems)} problem(s) found" if problems else "no problems found")
    return 1 if problems else 0


def cmd_init(args: argparse.Namespace) -> int:
    from sitegen.ingest.scaffold import init_project, next_steps

    made = init_project(args.project)
    sys.stdout.write(next_steps(args.project, made))
    return 0


COMMANDS = {
    "export": cmd_export,
    "build": cmd_build,
    "serve": cmd_serve,
    "check": cmd_check,
    "init": cmd_init,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sitegen`` console script."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputErrors as exc:
        for diag in exc.current:  # every problem found, those that stopped it last
            if diag not in exc.refused:
                _say(f"{diag.level}: {diag}")
        for diag in exc.refused:
            _say(f"error: {diag}")
        _say(f"error: {exc.summary}")
        return 1
    except SitegenError as exc:
        _say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except OSError as exc:  # the disk said no: a message, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"error: {where}{exc.strerror or exc}")
        return 1
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into a message
        if os.environ.get("SITEGEN_DEBUG"):
            traceback.print_exc()
        _say(
            f"error: internal error (a bug in sitegen; please report it): "
            f"{type(exc).__name__}: {exc}"
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
