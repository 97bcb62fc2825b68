"""airm.Workspace over the store's use cases, on the bundled example."""

import pytest

import airm


def test_workspace_records_and_traces_a_prediction(credit, tmp_path):
    with pytest.raises(ValueError, match="workspace"):
        airm.Workspace(tmp_path / "none")
    ws = airm.Workspace.init(tmp_path / "ws")
    assert ws.datasets == []
    registered = ws.register_dataset(credit / "reference.csv", name="ref")
    assert registered["created"] is True
    with pytest.raises(ValueError, match="nope"):
        ws.register_model("credit", "1", credit / "model.json", training_data=["nope"])
    model = ws.register_model("credit", "1", credit / "model.json", training_data=["ref"])
    assert model["model_version"]["ref"] == "credit@1"
    logged = ws.log_predictions(credit / "current.csv", model="credit@1",
                                schema=credit / "schema.yaml")
    assert logged["rows"] == 1068
    names = sorted({v["name"] for v in ws.datasets})
    assert names == ["predictions/credit", "ref"]
    assert [v["version"] for v in ws.dataset_versions("ref")] == [1]
    trace = ws.trace(logged["first_prediction_id"])
    assert trace["prediction"]["id"] == logged["first_prediction_id"]
    assert trace["model_version"]["reference"] == "credit@1"
    assert {(d["label"], d["side"]) for d in trace["datasets"]} == {
        ("ref@1", "training"), ("predictions/credit@1", "inference")}
    with pytest.raises(ValueError, match="no-such-id"):
        ws.trace("no-such-id")
