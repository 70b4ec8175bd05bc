"""Writes what Python's logging libraries write, each as its documentation sets it up, one file per
library and output into the directory given: loguru (default sink, serialize=True), structlog
(ConsoleRenderer, JSONRenderer with format_exc_info or dict_tracebacks, the standard-library setup
with CallsiteParameterAdder) and python-json-logger. Each logs info, warning and error lines, an
exception with logger.exception(...), and a last line after it. Run by PythonLibraryShapesTest and the
inputs module's PythonTracebacksTest; versions are Debian 12's python3-loguru, python3-structlog and
python3-pythonjsonlogger (see .ci/run).
"""
import logging
import os
import sys


def divide():
    return 1 / 0


def loguru_logs(path, serialize):
    from loguru import logger
    logger.remove()
    with open(path, "w") as out:
        sink = logger.add(out, serialize=serialize)  # a file object: no colours, the default format
        logger.info("user signed in")
        logger.bind(user="u1", trace_id="4bf92f3577b34da6a3ce929d0e0e4736").warning("disk low")
        logger.success("order placed")
        logger.error("request failed")
        try:
            divide()
        except ZeroDivisionError:
            logger.exception("division failed")
        logger.info("after the traceback")
        logger.remove(sink)


def structlog_logs(path, processors, stdlib=False, wrapper_class=None):
    import structlog
    with open(path, "w") as out:
        if stdlib:
            handler = logging.StreamHandler(out)
            handler.setFormatter(logging.Formatter("%(message)s"))
            root = logging.getLogger()
            root.handlers[:] = [handler]
            root.setLevel(logging.INFO)
            structlog.configure(processors=processors, logger_factory=structlog.stdlib.LoggerFactory(),
                                wrapper_class=structlog.stdlib.BoundLogger, cache_logger_on_first_use=False)
        else:
            structlog.configure(processors=processors, logger_factory=structlog.PrintLoggerFactory(out),
                                cache_logger_on_first_use=False)
            if wrapper_class is not None:
                structlog.configure(wrapper_class=wrapper_class)
        log = structlog.get_logger("app.payments")
        log.info("user signed in", user="u1", attempt=2)
        log.warning("disk low")
        log.error("request failed", path="/orders")
        try:
            divide()
        except ZeroDivisionError:
            log.exception("division failed")
        log.info("after the traceback")
        structlog.reset_defaults()


def python_json_logger_logs(path):
    from pythonjsonlogger import jsonlogger
    with open(path, "w") as out:
        handler = logging.StreamHandler(out)
        handler.setFormatter(jsonlogger.JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(filename)s %(lineno)d %(funcName)s %(process)d %(threadName)s"))
        log = logging.getLogger("app.db")
        log.propagate = False
        log.handlers[:] = [handler]
        log.setLevel(logging.INFO)
        log.info("user signed in", extra={"user": "u1"})
        log.warning("disk low")
        log.error("request failed")
        try:
            divide()
        except ZeroDivisionError:
            log.exception("division failed")
        log.info("after the traceback")


def main(out):
    import structlog
    loguru_logs(os.path.join(out, "loguru.txt"), False)
    loguru_logs(os.path.join(out, "loguru.jsonl"), True)
    # structlog's default processors (structlog.get_config() of 22.3), with ConsoleRenderer(colors=False)
    structlog_logs(os.path.join(out, "structlog.txt"), [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.StackInfoRenderer(),
        structlog.dev.set_exc_info,
        structlog.processors.TimeStamper(fmt="%Y-%m-%d %H:%M:%S", utc=False),
        structlog.dev.ConsoleRenderer(colors=False),
    ])
    # "Rendering to JSON" in structlog's docs, the exception as text or (dict_tracebacks) as a list
    def to_json(exception):
        return [structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt="iso"), exception,
                structlog.processors.JSONRenderer()]
    structlog_logs(os.path.join(out, "structlog.jsonl"), to_json(structlog.processors.format_exc_info))
    # the same with the generic BoundLogger, which passes the method's name on as the level ("exception")
    structlog_logs(os.path.join(out, "structlog-boundlogger.jsonl"), to_json(structlog.processors.format_exc_info),
                   wrapper_class=structlog.BoundLogger)
    structlog_logs(os.path.join(out, "structlog-dict.jsonl"), to_json(structlog.processors.dict_tracebacks))
    # "Standard Library Logging" in structlog's docs, with the call site's parameters
    structlog_logs(os.path.join(out, "structlog-stdlib.jsonl"), [
        structlog.stdlib.filter_by_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.CallsiteParameterAdder(),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
        structlog.processors.UnicodeDecoder(),
        structlog.processors.JSONRenderer(),
    ], stdlib=True)
    python_json_logger_logs(os.path.join(out, "python-json-logger.jsonl"))


if __name__ == "__main__":
    main(sys.argv[1])
