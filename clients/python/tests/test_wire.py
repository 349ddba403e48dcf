"""Wire form of the contract classes, and the answer classification."""

import math
from datetime import datetime, timezone

import pytest

import ion_lineage as il
from ion_lineage.delivery import retry_delay, take_batch
from ion_lineage.spool import SpoolRow
from ion_lineage.transport import classify, request_body
from ion_lineage.wire import encode_item, to_wire


def test_camel_case_keys_without_none_and_iso_times():
    at = datetime(2026, 3, 4, 14, 0, tzinfo=timezone.utc)
    wire = to_wire(il.DeploymentInput(id="d", model_version_id="mv", pipeline_node_id="n", role="PRIMARY", from_=at))
    assert wire == {"id": "d", "modelVersionId": "mv", "pipelineNodeId": "n", "role": "PRIMARY", "from": "2026-03-04T14:00:00+00:00"}


def test_nested_inputs_and_tuples_become_lists():
    p = il.PredictionInput(id="p", run_id="r", request_id="q", subject_key="s", at="2026-03-04T14:00:00Z", output="o",
                           model_version_ids=("mv",), attributions=[il.AttributionInput(feature="f", contribution=0.5)])
    assert to_wire(p)["attributions"] == [{"feature": "f", "contribution": 0.5}]
    assert to_wire(p)["modelVersionIds"] == ["mv"]


def test_naive_datetimes_and_nan_are_refused_at_record_time():
    with pytest.raises(ValueError, match="timezone"):
        to_wire(il.EventInput(id="e", run_id="r", type="INFO", at=datetime(2026, 1, 1), message="m"))
    with pytest.raises(ValueError):
        encode_item(il.PredictionInput(id="p", run_id="r", request_id="q", subject_key="s", at="2026-03-04T14:00:00Z", output="o",
                                       model_version_ids=[], score=math.nan))


def test_classify_sorts_answers_into_confirmed_transient_and_refused():
    ok = classify(200, '{"data":{"ingest":{"runs":{"created":1,"unchanged":0},"events":null}}}')
    assert ok == {"runs": {"created": 1, "unchanged": 0}}
    refused = classify(200, '{"errors":[{"message":"bad","extensions":{"code":"BAD_USER_INPUT","problems":[{"path":"runs[0].id","message":"x"}]}}]}')
    assert isinstance(refused, il.DeliveryError) and not refused.transient and refused.problems[0].path == "runs[0].id"
    for status, text in [(503, "down"), (200, '{"errors":[{"message":"x","extensions":{"code":"GRAPH_UNAVAILABLE"}}]}'),
                         (401, '{"errors":[{"message":"x","extensions":{"code":"UNAUTHENTICATED"}}]}'),
                         (409, '{"errors":[{"message":"race","extensions":{"code":"CONFLICT"}}]}')]:
        answer = classify(status, text)
        assert isinstance(answer, il.DeliveryError) and answer.transient, (status, text)
    assert not classify(413, "too large").transient


def test_request_body_is_built_from_stored_json_in_bundle_order():
    body = request_body({"predictions": ['{"id":"p"}'], "runs": ['{"id":"r"}']}).decode()
    assert body.index('"runs":[{"id":"r"}]') < body.index('"predictions":[{"id":"p"}]')


def test_retry_delays_grow_with_jitter_and_stay_bounded():
    delays = [retry_delay(a, 0.2, 5.0) for a in range(1, 12) for _ in range(20)]
    assert min(delays) >= 0.2 and max(delays) <= 10.0
    assert 0.2 <= retry_delay(1, 0.2, 5.0) < 0.4 and retry_delay(10, 0.2, 5.0) >= 5.0


def test_batches_respect_items_and_bytes_but_take_at_least_one_row():
    rows = [SpoolRow(i, "predictions", "x" * 100, 1) for i in range(10)]
    assert len(take_batch(rows, 4, 10_000)) == 4
    assert len(take_batch(rows, 100, 350)) == 3
    assert len(take_batch(rows, 100, 10)) == 1
