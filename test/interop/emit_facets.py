"""Emits Spark- and dbt-shaped runs carrying column lineage, data quality, ownership and tags.

Through the real openlineage-python client (HTTP transport from OPENLINEAGE_URL and
OPENLINEAGE_API_KEY): a Spark job builds a feature table from the `labs` and `patients` tables
(columnLineage on its output, ownership and tags on job, run and datasets), and a dbt test run
reports dataQualityMetrics and dataQualityAssertions on the `labs` table it read. Prints the ids
it used as one JSON line.
"""

import json
import os
import sys
from datetime import datetime, timedelta, timezone

from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import (
    column_lineage_dataset as cl,
    data_quality_assertions_dataset as dqa,
    data_quality_metrics_input_dataset as dqm,
    dataset_version_dataset,
    job_type_job,
    ownership_dataset,
    ownership_job,
    processing_engine_run,
    schema_dataset,
    tags_dataset,
    tags_job,
    tags_run,
)
from openlineage.client.transport.http import HttpTransport
from openlineage.client.uuid import generate_new_uuid

PRODUCER = "https://github.com/ion-lineage/interop-test"
NAMESPACE = os.environ["OL_TEST_NAMESPACE"]
EHR = f"postgres://ehr-{NAMESPACE}:5432"
WAREHOUSE = f"snowflake://warehouse-{NAMESPACE}"

client = OpenLineageClient()  # reads OPENLINEAGE_URL and OPENLINEAGE_API_KEY
if not isinstance(client.transport, HttpTransport):
    sys.exit(f"expected the HTTP transport from OPENLINEAGE_URL, got {type(client.transport).__name__}")

start = datetime(2026, 3, 5, 2, 0, tzinfo=timezone.utc)
at = lambda minutes: (start + timedelta(minutes=minutes)).isoformat()  # noqa: E731
version = lambda v: dataset_version_dataset.DatasetVersionDatasetFacet(datasetVersion=v)  # noqa: E731


def field(name, typ):
    return schema_dataset.SchemaDatasetFacetFields(name=name, type=typ)


def source(dataset, column, subtype="IDENTITY"):
    return cl.InputField(namespace=EHR, name=dataset, field=column, transformations=[cl.Transformation(type="DIRECT", subtype=subtype)])


labs = InputDataset(
    namespace=EHR,
    name="labs",
    facets={"version": version("2026-03-05"), "schema": schema_dataset.SchemaDatasetFacet(fields=[field("lab_id", "BIGINT"), field("crp_mg_l", "DOUBLE")])},
)
patients = InputDataset(namespace=EHR, name="patients", facets={"version": version("2026-03-05")})
features = OutputDataset(
    namespace=WAREHOUSE,
    name="features.patient_features",
    facets={
        "version": version("v42"),
        "columnLineage": cl.ColumnLineageDatasetFacet(
            fields={
                "crp_mg_l": cl.Fields(inputFields=[source("labs", "crp_mg_l")]),
                "crp_z": cl.Fields(inputFields=[source("labs", "crp_mg_l", "TRANSFORMATION")], transformationDescription="z-score"),
                "age_years": cl.Fields(inputFields=[source("patients", "birth_date", "TRANSFORMATION")]),
            }
        ),
        "ownership": ownership_dataset.OwnershipDatasetFacet(owners=[ownership_dataset.Owner(name="team:clinical-data", type="MAINTAINER")]),
        "tags": tags_dataset.TagsDatasetFacet(tags=[tags_dataset.TagsDatasetFacetFields(key="tier", value="gold", source="USER")]),
    },
)

spark_run = generate_new_uuid()
spark_job = Job(
    namespace=NAMESPACE,
    name="clinical.build_features",
    facets={
        "jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration="SPARK", jobType="JOB"),
        "ownership": ownership_job.OwnershipJobFacet(owners=[ownership_job.Owner(name="user:jdoe", type="MAINTAINER")]),
        "tags": tags_job.TagsJobFacet(tags=[tags_job.TagsJobFacetFields(key="domain", value="cardiology", source="SPARK")]),
    },
)
spark_facets = {
    "processing_engine": processing_engine_run.ProcessingEngineRunFacet(version="3.5.1", name="spark", openlineageAdapterVersion="1.54.0"),
    "tags": tags_run.TagsRunFacet(tags=[tags_run.TagsRunFacetFields(key="spark.app", value="build-features", source="SPARK")]),
}
for state, minutes in [(RunState.START, 0), (RunState.COMPLETE, 5)]:
    client.emit(
        RunEvent(
            eventType=state, eventTime=at(minutes), run=Run(runId=str(spark_run), facets=spark_facets), job=spark_job,
            inputs=[labs, patients], outputs=[features], producer=PRODUCER,
        )
    )

# dbt: a test run over the labs table, reporting what it measured and which tests passed.
dbt_run = generate_new_uuid()
dbt_job = Job(namespace=NAMESPACE, name="dbt.test.labs", facets={"jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration="DBT", jobType="TEST")})
tested_labs = InputDataset(
    namespace=EHR,
    name="labs",
    facets={"version": version("2026-03-05")},
    inputFacets={
        "dataQualityMetrics": dqm.DataQualityMetricsInputDatasetFacet(
            rowCount=1000, bytes=65536,
            columnMetrics={"crp_mg_l": dqm.ColumnMetrics(nullCount=3, distinctCount=400, min=0.1, max=250.0)},
        ),
        "dataQualityAssertions": dqa.DataQualityAssertionsDatasetFacet(
            assertions=[
                dqa.Assertion(assertion="not_null", success=False, column="crp_mg_l", severity="warn"),
                dqa.Assertion(assertion="unique", success=True, column="lab_id", severity="error"),
            ]
        ),
    },
)
for state, minutes in [(RunState.START, 6), (RunState.COMPLETE, 7)]:
    client.emit(RunEvent(eventType=state, eventTime=at(minutes), run=Run(runId=str(dbt_run)), job=dbt_job, inputs=[tested_labs], producer=PRODUCER))
client.close()

print(json.dumps({"sparkRun": str(spark_run), "dbtRun": str(dbt_run), "ehr": EHR, "warehouse": WAREHOUSE, "namespace": NAMESPACE}))
