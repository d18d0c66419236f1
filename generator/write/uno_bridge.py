"""A LibreOffice kept running, driven over UNO: the helper program behind `build --watch --pdf`.

This file is run as a program by a Python that has LibreOffice's `uno` module (office.uno_python),
never imported by baocao, whose own Python usually cannot load that module; so it uses the
standard library and `uno` only. It starts soffice with its profile, connects to it through a
named pipe (no TCP port: nothing to collide between two commands, and no port through which
another local user could drive this LibreOffice), then converts one document per request:

    stdin:  {"in": "/abs/a.docx", "out": "/abs/.a.pdf.tmp", "pdfa": false}   one JSON object a line
    stdout: {"ok": true}  or  {"error": "…"}                                   one reply a line
            ({"dead": true, …} when LibreOffice died: this program then ends too)

It prints {"ready": true} once LibreOffice answers. When stdin closes (baocao ends, or died) it
asks LibreOffice to quit and ends it. Time limits are baocao's: it ends this program's whole
process group when a reply does not come in time (write/office_server.py).

Why not the unoserver package: its server waits a fixed 7 s at every start, listens on two TCP
ports (fixed by default; two commands collide), and can only be driven over XML-RPC on those ports.
"""

import json
import subprocess
import sys
import time

import uno  # noqa: F401  (LibreOffice's Python bridge; importing it makes com.sun.star importable)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

START_WITHIN = 60.0  # seconds for LibreOffice to answer after it is started


def _prop(name, value):
    return PropertyValue(Name=name, Value=value)


def _reply(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def _connect(office, pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + START_WITHIN
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _convert(desktop, request):
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["in"]), "_blank", 0,
                                            (_prop("Hidden", True), _prop("ReadOnly", True)))
    if document is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        data = [_prop("SelectPdfVersion", 2)] if request.get("pdfa") else []
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", tuple(data))
        document.storeToURL(uno.systemPathToFileUrl(request["out"]),
                            (_prop("FilterName", "writer_pdf_Export"), _prop("FilterData", filter_data)))
    finally:
        document.close(True)


def main():
    args, pipe = sys.argv[1:-1], sys.argv[-1]
    office = subprocess.Popen(args + [f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        desktop = _connect(office, pipe)
    except Exception as exc:  # LibreOffice did not start: say why, and end it
        _reply(error=f"LibreOffice did not start: {exc}")
        office.kill()
        return 1
    _reply(ready=True)
    for line in sys.stdin:
        try:
            _convert(desktop, json.loads(line))
        except Exception as exc:  # reported to baocao, which names the document
            if office.poll() is not None or "Disposed" in type(exc).__name__:  # LibreOffice died: baocao starts another
                _reply(dead=True, error=str(exc) or type(exc).__name__)
                office.kill()
                return 1
            _reply(error=str(exc) or type(exc).__name__)
        else:
            _reply(ok=True)
    try:
        desktop.terminate()
        office.wait(10)
    except Exception:
        office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
