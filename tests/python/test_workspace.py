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


def _workspace_with_model(credit, tmp_path):
    ws = airm.Workspace.init(tmp_path / "ws")
    ws.register_dataset(credit / "reference.csv", name="ref")
    ws.register_model("credit", "1", credit / "model.json", training_data=["ref"])
    return ws


def test_models_lists_registered_versions(credit, tmp_path):
    ws = airm.Workspace.init(tmp_path / "ws")
    assert ws.models == []
    ws.register_dataset(credit / "reference.csv", name="ref")
    ws.register_model("credit", "1", credit / "model.json", training_data=["ref"])
    ws.register_model("credit", "2", credit / "model_meta.json", training_data=["ref"])
    ws.register_model("other", "1", credit / "model.json", training_data=["ref"])
    assert [(m["name"], m["version"]) for m in ws.models] == [
        ("credit", "1"), ("credit", "2"), ("other", "1")]
    assert [m["version"] for m in ws.model_versions("credit")] == ["1", "2"]
    assert ws.model_versions("none") == []


def test_log_predictions_from_a_dataframe_records_the_same_rows(credit, frames, tmp_path):
    _, current = frames
    ws = _workspace_with_model(credit, tmp_path)
    logged = ws.log_predictions(current, model="credit@1", schema=credit / "schema.yaml")
    assert logged["rows"] == len(current) == 1068
    # Generated ids are "<digest prefix>:<row>", the digest that of the rows' values.
    assert logged["first_prediction_id"].endswith(":1")
    [version] = ws.dataset_versions("predictions/credit")
    assert version["rows"] == 1068
    assert version["digest"].startswith("sha256:")
    # The same rows again are the same content: the same ids, nothing written.
    with pytest.raises(ValueError, match=r"<DataFrame> row 0: prediction id '.*:1' is already "
                                         r"in the store"):
        ws.log_predictions(current, model="credit@1", schema=credit / "schema.yaml")
    # The same values in another column order are the same digest.
    with pytest.raises(ValueError, match="already in the store"):
        ws.log_predictions(current[current.columns[::-1]], model="credit@1",
                           schema=credit / "schema.yaml")
    # The file logs under another digest (its bytes), the same trace shape.
    from_file = ws.log_predictions(credit / "current.csv", model="credit@1",
                                   schema=credit / "schema.yaml", name="from-file")
    assert from_file["feature_columns"] == logged["feature_columns"]
    trace = ws.trace(logged["first_prediction_id"])
    assert trace["prediction"]["id"] == logged["first_prediction_id"]
    assert trace["model_version"]["reference"] == "credit@1"


def test_log_predictions_from_a_dataframe_names_the_row(credit, frames, tmp_path):
    _, current = frames
    ws = _workspace_with_model(credit, tmp_path)
    frame = current.head(5).copy()
    frame["id"] = ["a", "b", "c", "b", "e"]
    with pytest.raises(ValueError, match=r"<DataFrame> row 3: column 'id': duplicate "
                                         r"prediction id 'b'"):
        ws.log_predictions(frame, model="credit@1", id_column="id")
    frame["when"] = ["2026-01-01T00:00:00Z"] * 4 + ["yesterday"]
    frame["id"] = list("abcde")
    with pytest.raises(ValueError, match=r"<DataFrame> row 4: column 'when'"):
        ws.log_predictions(frame, model="credit@1", id_column="id", time_column="when")
    with pytest.raises(ValueError, match="no rows"):
        ws.log_predictions(frame.head(0), model="credit@1")
    assert [v["name"] for v in ws.datasets] == ["ref"]
