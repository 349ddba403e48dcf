"""A run as a context manager: ``with client.run(...) as run:`` records the run on entry, what the
block records through ``run`` (predictions, stages, model loads, model versions, events) with the
run's id filled in, and how the run ended.

Runs are immutable in the ingest contract (an id is an idempotency key), so a run recorded on
entry keeps status RUNNING; its end is recorded as an Event DURING it: INFO "run completed", or
ERROR with the exception and its traceback ("run failed"; "run aborted" for KeyboardInterrupt).
With ``deferred=True`` (short runs such as training) nothing is sent before the block ends: the
run is then recorded with its final status and ``ended_at``, together with everything recorded
inside, as one bundle (one transaction, at most 10,000 items per part).
"""

from __future__ import annotations

import contextvars
import functools
import platform
import socket
import traceback
import uuid
from time import time_ns
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from . import models as m
from .batching import UtcText, prediction_wire
from .checks import check_at, check_attributions, check_ids, check_mapping, check_score, check_text
from .errors import LineageClientError
from .wire import dumps, encode_item, to_wire

if TYPE_CHECKING:
    from .client import LineageClient

_current: contextvars.ContextVar[RunRecorder | None] = contextvars.ContextVar("ion_lineage_run", default=None)
F = TypeVar("F", bound=Callable[..., Any])


def current_run() -> RunRecorder:
    """The innermost run being recorded in this context (for code called from inside a run)."""
    run = _current.get()
    if run is None:
        raise LookupError("no ion_lineage run is being recorded here; use `with client.run(...)`")
    return run


def _now() -> datetime:
    return datetime.now(timezone.utc)


class RunRecorder:
    """Records one run and what happens in it. Create it with ``client.run(...)``."""

    def __init__(
        self,
        client: LineageClient,
        run_id: str,
        *,
        pipeline_node_id: str,
        kind: m.PipelineRole,
        started_at: m.DateTimeLike | None = None,
        params: m.JsonObject | None = None,
        code_version: str | None = None,
        instance_id: str | None = None,
        triggered_by_id: str | None = None,
        read_dataset_version_ids: Sequence[str] | None = None,
        used_feature_ids: Sequence[str] | None = None,
        model_version_ids: Sequence[str] = (),
        engine: str | None = "python",
        engine_version: str | None = platform.python_version(),
        host: str | None = socket.gethostname(),
        environment: m.JsonObject | None = None,
        search_group_id: str | None = None,
        purpose: str | None = None,
        deferred: bool = False,
    ) -> None:
        self.client = client
        self.id = run_id
        self.deferred = deferred
        #: Model versions a prediction names when it names none (extended by ``load_model``).
        self.model_version_ids: list[str] = list(model_version_ids)
        self._buffer: dict[str, list[Any]] = {}
        self._utc = UtcText()
        self._token: contextvars.Token[RunRecorder | None] | None = None
        self.run = m.RunInput(
            id=run_id,
            pipeline_node_id=pipeline_node_id,
            kind=kind,
            started_at=started_at or _now(),
            status="RUNNING",
            params=params,
            code_version=code_version,
            instance_id=instance_id,
            triggered_by_id=triggered_by_id,
            read_dataset_version_ids=read_dataset_version_ids,
            used_feature_ids=used_feature_ids,
            engine=engine,
            engine_version=engine_version,
            host=host,
            environment=environment,
            search_group_id=search_group_id,
            purpose=purpose,
        )

    def _emit(self, part: str, item: Any) -> int:
        if self.deferred:
            self._buffer.setdefault(part, []).append(to_wire(item))
            return 0
        return self.client._put(part, encode_item(item))

    def __enter__(self) -> RunRecorder:
        if not self.deferred:
            self.client.record_run(self.run)
        self._token = _current.set(self)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> None:
        if self._token is not None:
            _current.reset(self._token)
        ended = _now()
        status: m.RunStatus = "COMPLETED" if error is None else "ABORTED" if isinstance(error, KeyboardInterrupt) else "FAILED"
        if error is None:
            self.record_event("INFO", "run completed", details={"status": status, "endedAt": ended.isoformat()}, at=ended)
        else:
            details = {"status": status, "endedAt": ended.isoformat(), "traceback": "".join(traceback.format_exception(kind, error, tb))[-8000:]}
            message = f"run {'aborted' if status == 'ABORTED' else 'failed'}: {type(error).__name__}: {error}"[:16000]
            self.record_event("ERROR", message, details=details, at=ended)
        if self.deferred:
            self.run.status, self.run.ended_at = status, ended
            parts = {"runs": [to_wire(self.run)], **self._buffer}
            self.client._append("bundle", dumps(parts), sum(len(v) for v in parts.values()))
        # The block's end is a durability barrier: what the run recorded is in the spool now.
        try:
            self.client.wait_durable()
        except LineageClientError:
            if error is None:
                raise

    # ---- what happens in a run ---------------------------------------------------------------

    def record_prediction(
        self,
        request_id: str,
        subject_key: str,
        output: str,
        *,
        score: float | None = None,
        inputs: m.JsonObject | None = None,
        attributions: Mapping[str, float] | Sequence[m.AttributionInput] | None = None,
        model_version_ids: Sequence[str] | None = None,
        at: m.DateTimeLike | None = None,
        id: str | None = None,
        durable: bool = False,
    ) -> int:
        """Records one scored request; its id defaults to ``<run id>:<request id>`` (stable across restarts).

        Made for scoring loops: the call checks its arguments' types (a wrong one raises TypeError
        or ValueError naming it; nothing is recorded), takes the time (``at`` defaults to now) and
        queues a tuple; it is handed to the sender process, which builds and encodes the record.
        ``inputs`` and ``attributions`` are copied one level deep; values nested in them (lists,
        arrays) are read at the hand-over, within about ``commit_interval``, so do not change those
        in place.
        A value JSON cannot hold (NaN, an arbitrary object) is found then: the record becomes a
        dead letter naming the field (``client.dead_letters()``, ``on_dead_letter``). The record is
        durable when the run's block ends, at ``client.wait_durable()``, or before this call
        returns with ``durable=True``.
        """
        if type(request_id) is not str or type(subject_key) is not str or type(output) is not str:
            check_text(request_id=request_id, subject_key=subject_key, output=output)
        if score is not None and (type(score) is not float or score - score):
            score = check_score(score)
        if inputs is not None:
            inputs = dict(inputs) if type(inputs) is dict else check_mapping("inputs", inputs)
        pairs: Any = None
        if attributions is not None:
            pairs = dict(attributions) if type(attributions) is dict else check_attributions(attributions)
        ids = tuple(self.model_version_ids) if model_version_ids is None else check_ids(model_version_ids)
        when: Any = at
        if at is None:
            when = time_ns()
        elif type(at) is not str:
            check_at(at)
        if id is not None:
            check_text(id=id)
        raw = (self.id, request_id, subject_key, output, score, inputs, pairs, ids, when, id)
        if self.deferred:
            self._buffer.setdefault("predictions", []).append(prediction_wire(raw, self._utc))
            return 0
        ticket = self.client._put("predictions", raw)
        if durable:
            self.client.wait_durable(ticket)
        return ticket

    def load_model(self, model_version_id: str, at: m.DateTimeLike | None = None) -> int:
        """Records that this run loaded a model version; later predictions name it by default."""
        if model_version_id not in self.model_version_ids:
            self.model_version_ids.append(model_version_id)
        return self._emit("modelLoads", m.ModelLoadInput(run_id=self.id, model_version_id=model_version_id, at=at or _now()))

    def record_stage(self, name: str, type: str, *, stats: m.JsonObject | None = None, feeds: Sequence[str] | None = None, id: str | None = None) -> str:
        """Records a level-1 stage (id ``<run id>:stage:<name>``); returns its id for ``feeds``."""
        stage_id = id or f"{self.id}:stage:{name}"
        self._emit("stages", m.StageInput(id=stage_id, run_id=self.id, name=name, type=type, stats=stats, feeds_stage_ids=feeds))
        return stage_id

    def record_model_version(
        self, model_id: str, version: str, algorithm: str, *, format: m.ModelFormat = "OPAQUE", status: m.ModelStatus = "CANDIDATE", id: str | None = None, **fields: Any
    ) -> str:
        """Records a model version this run produced (id ``<model id>:<version>``); returns its id."""
        version_id = id or f"{model_id}:{version}"
        item = m.ModelVersionInput(
            id=version_id, model_id=model_id, version=version, algorithm=algorithm, format=format, status=status, produced_by_run_id=self.id, **fields
        )
        self._emit("modelVersions", item)
        return version_id

    def record_event(self, type: m.EventType, message: str, *, details: m.JsonObject | None = None, at: m.DateTimeLike | None = None, id: str | None = None) -> int:
        """Records an event during the run (errors, warnings, alerts, drift)."""
        event = m.EventInput(id=id or f"{self.id}:event:{uuid.uuid4().hex[:12]}", run_id=self.id, type=type, at=at or _now(), message=message, details=details)
        return self._emit("events", event)


def recorded_run(client: LineageClient, *, pipeline_node_id: str, kind: m.PipelineRole, run_id: Callable[[], str] | None = None, **options: Any) -> Callable[[F], F]:
    """Decorator: each call of the function is a run (``current_run()`` inside reaches it)."""

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            name = run_id() if run_id else f"{function.__name__}-{uuid.uuid4().hex[:12]}"
            with RunRecorder(client, name, pipeline_node_id=pipeline_node_id, kind=kind, **options):
                return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
