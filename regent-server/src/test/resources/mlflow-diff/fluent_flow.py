"""Drive Regent as MLflow 2.9.2's model registry, the way a new user would.

usage: flow.py TRACKING_URI REGENT_URI REGENT_TOKEN [GATED_REGENT_URI GATED_TOKEN]
"""
import os
import sys
import traceback

import numpy as np
import pandas as pd

import mlflow
import mlflow.pyfunc
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

TRACKING, REGISTRY, TOKEN = sys.argv[1], sys.argv[2], sys.argv[3]
GATED = sys.argv[4] if len(sys.argv) > 4 else None
GATED_TOKEN = sys.argv[5] if len(sys.argv) > 5 else None

os.environ["MLFLOW_TRACKING_TOKEN"] = TOKEN  # the MLflow tracking server (no auth) ignores it
results = []


def step(label, fn):
    try:
        out = fn()
        results.append((label, "PASS", ""))
        print(f"PASS  {label}" + (f"  -> {out}" if out is not None else ""), flush=True)
        return out
    except Exception as e:  # noqa: BLE001
        results.append((label, "FAIL", f"{type(e).__name__}: {e}"))
        print(f"FAIL  {label}\n      {type(e).__name__}: {e}", flush=True)
        traceback.print_exc()
        return None


class Doubler(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        return model_input * 2


mlflow.set_tracking_uri(TRACKING)
mlflow.set_registry_uri(REGISTRY)
print("tracking:", mlflow.get_tracking_uri(), " registry:", mlflow.get_registry_uri())
client = MlflowClient()  # picks up both URIs
print("client tracking:", client._tracking_client.tracking_uri, " registry:", client._registry_uri)

# ---- 1/2: log a model in a run --------------------------------------------------
def log():
    mlflow.set_experiment("fluent-check")
    with mlflow.start_run() as run:
        info = mlflow.pyfunc.log_model("model", python_model=Doubler())
    return run.info.run_id, run.info.artifact_uri, info.model_uri


logged = step("1 log pyfunc model in a run (tracking server)", log)
if logged is None:
    sys.exit(1)
run_id = logged[0]
model_uri = f"runs:/{run_id}/model"

# ---- 2: register ---------------------------------------------------------------
def reg(name):
    mv = mlflow.register_model(model_uri, name)
    return f"name={mv.name!r} version={mv.version!r} source={mv.source!r} run_id={mv.run_id!r} status={mv.status}"


step("2a register_model(runs:/.../model, 'FraudDetector')", lambda: reg("FraudDetector"))
step("2b register_model(runs:/.../model, 'Churn Model v2')", lambda: reg("Churn Model v2"))

# ---- 3: lifecycle through MlflowClient --------------------------------------------
def transition(stage, v="1", name="FraudDetector"):
    mv = client.transition_model_version_stage(name, v, stage)
    return f"{mv.name} v{mv.version} stage={mv.current_stage}"


step("3a transition v1 -> Staging", lambda: transition("Staging"))
step("3b transition v1 -> Staging again (no-op)", lambda: transition("Staging"))
step("3c transition v1 -> Production", lambda: transition("Production"))
step("3d transition v1 -> Production again (no-op)", lambda: transition("Production"))
step("3e 'Churn Model v2' v1 -> Production", lambda: transition("Production", name="Churn Model v2"))


def alias():
    client.set_registered_model_alias("FraudDetector", "champion", "1")
    client.set_registered_model_alias("FraudDetector", "champion", "1")  # same again
    mv = client.get_model_version_by_alias("FraudDetector", "champion")
    rm = client.get_registered_model("FraudDetector")
    return f"by_alias -> v{mv.version} aliases={mv.aliases}; model.aliases={rm.aliases}"


step("3f set_registered_model_alias('champion') (twice) + get_model_version_by_alias", alias)


def tags():
    out = []
    for i in range(2):
        client.set_model_version_tag("FraudDetector", "1", "owner", "fraud-team")
        out.append(client.get_model_version("FraudDetector", "1").tags.get("owner"))
    for i in range(2):
        client.delete_model_version_tag("FraudDetector", "1", "owner")
        out.append(client.get_model_version("FraudDetector", "1").tags.get("owner"))
    return f"after set,set,delete,delete: {out}"


step("3g set/delete version tag twice each", tags)


def search():
    mv = client.search_model_versions("name='FraudDetector'")[0]
    return f"v{mv.version} stage={mv.current_stage} source={mv.source} run_id={mv.run_id} run_link={mv.run_link!r} desc={mv.description!r} aliases={mv.aliases}"


step("3h search_model_versions(\"name='FraudDetector'\")[0]", search)


def search_spaced():
    r = client.search_model_versions("name='Churn Model v2'")
    m = client.search_registered_models("name='Churn Model v2'")
    return f"{len(r)} versions, {len(m)} models; {[ (x.name, x.version) for x in r]}"


step("3i search by spaced name 'Churn Model v2'", search_spaced)


def latest():
    a = client.get_latest_versions("FraudDetector")
    b = client.get_latest_versions("FraudDetector", stages=["Production"])
    return f"all={[(m.version, m.current_stage) for m in a]} prod={[(m.version, m.current_stage) for m in b]}"


step("3j get_latest_versions (all, ['Production'])", latest)


def dl_uri():
    return client.get_model_version_download_uri("FraudDetector", "1")


step("3k get_model_version_download_uri", dl_uri)

# ---- 4: load from models:/ -----------------------------------------------------
x = pd.DataFrame({"a": [1, 2, 3]})


def load(uri):
    m = mlflow.pyfunc.load_model(uri)
    y = m.predict(x)
    assert list(np.asarray(y).ravel()) == [2, 4, 6], y
    return f"predict -> {list(np.asarray(y).ravel())}"


for uri in ["models:/FraudDetector/1", "models:/FraudDetector@champion",
            "models:/FraudDetector/Production", "models:/Churn Model v2/1",
            "models:/Churn Model v2/Production"]:
    step(f"4 load_model({uri!r}) + predict", lambda uri=uri: load(uri))

# ---- 5: governed refusal on a registry with the built-in policy ----------------------
if GATED:
    def gated():
        os.environ["MLFLOW_TRACKING_TOKEN"] = GATED_TOKEN
        mlflow.set_registry_uri(GATED)
        gc = MlflowClient(tracking_uri=TRACKING, registry_uri=GATED)
        mv = mlflow.register_model(model_uri, "FraudDetector")
        try:
            gc.set_registered_model_alias("FraudDetector", "champion", mv.version)
        except MlflowException as e:
            return f"refused as expected: error_code={e.error_code}\n      message: {e.message}"
        raise AssertionError("alias was set on a gated registry: no refusal")

    step("5a gated registry: set_registered_model_alias refused with gates listed", gated)

    def gated_prod():
        gc = MlflowClient(tracking_uri=TRACKING, registry_uri=GATED)
        try:
            gc.transition_model_version_stage("FraudDetector", "1", "Production")
        except MlflowException as e:
            return f"refused as expected: error_code={e.error_code}\n      message: {e.message}"
        raise AssertionError("Production transition not refused")

    step("5b gated registry: transition to Production refused with gates listed", gated_prod)

print("\n==== SUMMARY ====")
for label, status, err in results:
    print(f"{status}  {label}" + (f"\n      {err}" if err else ""))
