"""Ask the real yaml-language-server what it completes in govcheck's files.

Starts `yaml-language-server --stdio` (the pinned copy under tools/yamlls/, installed
with `npm ci --prefix tools/yamlls`), opens YAML documents that name a committed
schema with the `# yaml-language-server: $schema=...` modeline, asks for completion
at a few places and prints the offered labels as JSON, one entry per probe:

    python tools/yamlls_complete.py            # the probes below
    python tools/yamlls_complete.py --server /path/to/yaml-language-server

Why a real server and not a schema walk of our own: the editors' bugs live in the
server (it dropped completion under a `$ref` whose target has required keys), so
only the server can say whether a schema completes. Standard library only; speaks
LSP's Content-Length framing over the server's stdin/stdout.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "checker" / "schemas"
SERVER_DIR = Path(__file__).resolve().parent / "yamlls"
SERVER_JS = SERVER_DIR / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
CURSOR = "|"


@dataclass(frozen=True)
class Probe:
    """A document with one `|` where completion is asked, and the schema it uses.

    The schema is named by the modeline, or, with `modeline=False`, by the
    `yaml.schemas` setting the editors' set-up in docs/editors.md uses (the file is
    then opened as `projects/<n>.yaml` of the workspace).
    """

    name: str
    schema: str
    text: str
    modeline: bool = True


PROBES = (
    Probe(
        "top level",
        "project",
        "format_version: 1\nid: probe\ntitle: Probe\ncountry: KG\n|\n",
    ),
    Probe(
        "inside parties",
        "project",
        "format_version: 1\nid: probe\nparties:\n  |\n",
    ),
    Probe(
        "inside parties.sponsor",
        "project",
        "format_version: 1\nid: probe\nparties:\n  sponsor:\n    |\n",
    ),
    Probe(
        "inside a rule",
        "ruleset",
        "format_version: 1\nid: probe\nrules:\n  - id: probe.rule\n    |\n",
    ),
    Probe(
        "inside rule examples",
        "ruleset",
        "format_version: 1\nid: probe\nrules:\n  - id: probe.rule\n    examples:\n      |\n",
    ),
    Probe("results top level", "results", 'format_version: "2.0"\n|\n'),
    Probe(
        "inside parties, schema from settings",
        "project",
        "format_version: 1\nid: probe\nparties:\n  |\n",
        modeline=False,
    ),
)


def settings() -> dict[str, Any]:
    """The `yaml` settings docs/editors.md gives: a schema path relative to the
    workspace root, applied to the project files under projects/."""
    return {
        "yaml": {
            "completion": True,
            "validate": True,
            "hover": True,
            "schemas": {"schemas/project.schema.json": ["projects/*.yaml"]},
        }
    }


def server_command(explicit: str | None = None) -> list[str] | None:
    """How to start the server: an explicit path, the pinned copy, or None."""
    if explicit:
        return [explicit, "--stdio"]
    node = shutil.which("node")
    if node and SERVER_JS.exists():
        return [node, str(SERVER_JS), "--stdio"]
    return None


class Client:
    """The smallest LSP client: requests in order, answers matched by id."""

    def __init__(self, command: list[str], configuration: dict[str, Any]) -> None:
        self._configuration = configuration
        self._process = subprocess.Popen(  # noqa: S603 - the command is ours or the user's --server
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._answers: Queue[dict[str, Any]] = Queue()
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def request(self, method: str, params: Any, timeout: float = 30.0) -> Any:
        self._next_id += 1
        wanted = self._next_id
        self._send({"jsonrpc": "2.0", "id": wanted, "method": method, "params": params})
        while True:
            try:
                message = self._answers.get(timeout=timeout)
            except Empty:
                raise TimeoutError(f"yaml-language-server gave no answer to {method}") from None
            if "method" in message and "id" in message:
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": self._answer(message)})
            elif message.get("id") == wanted and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")

    def _answer(self, request: dict[str, Any]) -> Any:
        """What the server asks of its editor: settings by section, as editors answer."""
        if request["method"] == "workspace/configuration":
            items = request.get("params", {}).get("items", [])
            return [self._configuration.get(item.get("section", "")) for item in items]
        return None

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=5.0)
            self.notify("exit", None)
            self._process.wait(timeout=5.0)
        except (TimeoutError, OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        stream = self._process.stdin
        assert stream is not None
        stream.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        stream.flush()

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if not line:
                return
            self._answers.put(json.loads(stream.read(length)))


@contextmanager
def started(command: list[str], workspace: Path) -> Iterator[Client]:
    client = Client(command, settings())
    try:
        client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": workspace.as_uri(),
                "capabilities": {
                    "textDocument": {"completion": {"completionItem": {"snippetSupport": True}}},
                    "workspace": {"configuration": True},
                },
            },
            timeout=60.0,
        )
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": settings()})
        yield client
    finally:
        client.close()


def labels(client: Client, path: Path, probe: Probe, version: int, schemas: Path) -> list[str]:
    """The labels offered at the probe's cursor, in the order the server gave them."""
    before, _, after = probe.text.partition(CURSOR)
    schema = (schemas / f"{probe.schema}.schema.json").resolve()
    modeline = f"# yaml-language-server: $schema={schema.as_posix()}\n" if probe.modeline else ""
    text = f"{modeline}{before}{after}"
    line = before.count("\n") + modeline.count("\n")
    column = len(before.rsplit("\n", 1)[-1])
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": text}},
    )
    result = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": column}},
    )
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    items = result.get("items", []) if isinstance(result, dict) else (result or [])
    return [str(item["label"]) for item in items]


def complete_all(
    command: list[str], probes: tuple[Probe, ...] = PROBES, schemas: Path = SCHEMAS
) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory(prefix="govcheck-yamlls-") as folder:
        workspace = Path(folder)
        (workspace / "projects").mkdir()
        (workspace / "schemas").mkdir()
        shutil.copy(schemas / "project.schema.json", workspace / "schemas")
        with started(command, workspace) as client:
            return {
                probe.name: labels(client, _place(workspace, probe, n), probe, n, schemas)
                for n, probe in enumerate(probes, start=1)
            }


def _place(workspace: Path, probe: Probe, number: int) -> Path:
    folder = workspace if probe.modeline else workspace / "projects"
    return folder / f"probe{number}.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", help="a yaml-language-server executable to use instead")
    parser.add_argument(
        "--schemas", type=Path, default=SCHEMAS, help="folder of *.schema.json to probe"
    )
    args = parser.parse_args(argv)
    command = server_command(args.server)
    if command is None:
        print(
            "yaml-language-server is not installed: run `npm ci --prefix tools/yamlls` "
            "(needs node) or pass --server",
            file=sys.stderr,
        )
        return 2
    print(json.dumps(complete_all(command, schemas=args.schemas), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
