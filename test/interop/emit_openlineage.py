"""Emits an Airflow-like DAG run through the real openlineage-python client (HTTP transport).

The client is configured the way deployments configure it: OPENLINEAGE_URL and
OPENLINEAGE_API_KEY from the environment. One more client sends gzip bodies. Prints the ids it
used as one JSON line, so the calling test can look them up through GraphQL.
"""

import json
import os
import sys
from datetime import datetime, timedelta, timezone

from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import (
    dataset_type_dataset,
    dataset_version_dataset,
    error_message_run,
    execution_parameters_run,
    job_type_job,
    output_statistics_output_dataset,
    parent_run,
    processing_engine_run,
    schema_dataset,
    source_code_location_job,
)
from openlineage.client.transport.http import HttpCompression, HttpConfig, HttpTransport
from openlineage.client.transport.http import ApiKeyTokenProvider
from openlineage.client.uuid import generate_new_uuid

PRODUCER = "https://github.com/ion-lineage/interop-test"
NAMESPACE = os.environ.get("OL_TEST_NAMESPACE", "interop-airflow")
DAG = os.environ.get("OL_TEST_DAG", "fraud_daily")

client = OpenLineageClient()  # reads OPENLINEAGE_URL and OPENLINEAGE_API_KEY
if not isinstance(client.transport, HttpTransport):
    sys.exit(f"expected the HTTP transport from OPENLINEAGE_URL, got {type(client.transport).__name__}")
gzip_client = OpenLineageClient(
    transport=HttpTransport(
        HttpConfig(
            url=os.environ["OPENLINEAGE_URL"],
            auth=ApiKeyTokenProvider({"apiKey": os.environ["OPENLINEAGE_API_KEY"]}),
            compression=HttpCompression.GZIP,
        )
    )
)

start = datetime(2026, 3, 5, 2, 0, tzinfo=timezone.utc)
at = lambda minutes: (start + timedelta(minutes=minutes)).isoformat()  # noqa: E731

dag_run = generate_new_uuid()
train_run = generate_new_uuid()
score_run = generate_new_uuid()
parent = parent_run.ParentRunFacet(
    run=parent_run.Run(runId=str(dag_run)), job=parent_run.Job(namespace=NAMESPACE, name=DAG)
)
engine = processing_engine_run.ProcessingEngineRunFacet(version="2.10.4", name="Airflow", openlineageAdapterVersion="2.3.0")
code = source_code_location_job.SourceCodeLocationJobFacet(
    type="git",
    url="https://git.example.org/risk/fraud/blob/9b1e7d2/dags/fraud.py",
    repoUrl="https://git.example.org/risk/fraud.git",
    path="dags/fraud.py",
    version="9b1e7d2",
)
job_type = job_type_job.JobTypeJobFacet(processingType="BATCH", integration="AIRFLOW", jobType="TASK")

transactions = InputDataset(
    namespace="postgres://payments-db:5432",
    name="payments.public.transactions",
    facets={
        "schema": schema_dataset.SchemaDatasetFacet(
            fields=[
                schema_dataset.SchemaDatasetFacetFields(name="tx_id", type="BIGINT"),
                schema_dataset.SchemaDatasetFacetFields(name="amount", type="NUMERIC"),
            ]
        )
    },
)
model = OutputDataset(
    namespace="s3://risk-models",
    name="fraud-detector",
    facets={
        "datasetType": dataset_type_dataset.DatasetTypeDatasetFacet(datasetType="MODEL"),
        "version": dataset_version_dataset.DatasetVersionDatasetFacet(datasetVersion="2026.03.05"),
    },
)
scores = OutputDataset(
    namespace="s3://risk-lake",
    name="scores/fraud.parquet",
    outputFacets={"outputStatistics": output_statistics_output_dataset.OutputStatisticsOutputDatasetFacet(rowCount=1200)},
)
params = execution_parameters_run.ExecutionParametersRunFacet(
    parameters=[
        execution_parameters_run.ExecutionParameter(key="n_estimators", value="400"),
        execution_parameters_run.ExecutionParameter(key="class_weight", value="balanced"),
    ]
)


def event(state, minutes, run_id, job_name, run_facets=None, inputs=(), outputs=(), job_facets=None):
    return RunEvent(
        eventType=state,
        eventTime=at(minutes),
        run=Run(runId=str(run_id), facets=run_facets or {}),
        job=Job(namespace=NAMESPACE, name=job_name, facets=job_facets or {}),
        inputs=list(inputs),
        outputs=list(outputs),
        producer=PRODUCER,
    )


train_job = f"{DAG}.train"
score_job = f"{DAG}.score"
client.emit(event(RunState.START, 0, dag_run, DAG, {"processing_engine": engine}))
client.emit(
    event(
        RunState.START, 1, train_run, train_job,
        {"parent": parent, "processing_engine": engine, "executionParameters": params},
        inputs=[transactions], job_facets={"sourceCodeLocation": code, "jobType": job_type},
    )
)
gzip_client.emit(
    event(
        RunState.COMPLETE, 9, train_run, train_job, {"parent": parent, "processing_engine": engine},
        inputs=[transactions], outputs=[model], job_facets={"sourceCodeLocation": code, "jobType": job_type},
    )
)
model_input = InputDataset(namespace=model.namespace, name=model.name, facets=model.facets)
client.emit(event(RunState.START, 10, score_run, score_job, {"parent": parent}, inputs=[model_input, transactions]))
client.emit(
    event(
        RunState.FAIL, 12, score_run, score_job,
        {
            "parent": parent,
            "errorMessage": error_message_run.ErrorMessageRunFacet(
                message="ValueError: feature 'merchant_risk' missing from input", programmingLanguage="PYTHON",
                stackTrace='Traceback (most recent call last):\n  File "score.py", line 42',
            ),
        },
        inputs=[model_input, transactions], outputs=[scores],
    )
)
client.emit(event(RunState.FAIL, 13, dag_run, DAG, {"processing_engine": engine}))
client.close()
gzip_client.close()

print(json.dumps({"dagRun": str(dag_run), "trainRun": str(train_run), "scoreRun": str(score_run), "namespace": NAMESPACE, "dag": DAG}))
