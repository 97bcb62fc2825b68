"""A workspace's store (`airm init`, `airm dataset list`, `airm model
register`, `airm predictions log`, `airm lineage trace`) through the same use
cases; each call returns the document the command's --json prints, as a dict."""

from __future__ import annotations

import json
import os

from . import _airm


class Workspace:
    """The airm workspace at `path` (a directory with airm.yaml), located as
    `--store PATH` locates it. ValueError when there is none: create one with
    Workspace.init(path)."""

    def __init__(self, path):
        self.path = os.fspath(path)
        # Fails early, naming the path, when it is no workspace.
        _airm.list_datasets(self.path, "")

    @classmethod
    def init(cls, path, name: str = "") -> "Workspace":
        """Create the workspace (as `airm init`); an existing one is kept."""
        _airm.init_workspace(os.fspath(path), name)
        return cls(path)

    @property
    def datasets(self) -> list[dict]:
        """Every registered dataset version (`airm dataset list --json`)."""
        return json.loads(_airm.list_datasets(self.path, ""))["versions"]

    @property
    def models(self) -> list[dict]:
        """Every registered model version, by name then registration order
        (the server's /api/models document's versions)."""
        return json.loads(_airm.list_models(self.path, ""))["versions"]

    def model_versions(self, name: str) -> list[dict]:
        """The versions of one model ([] when none is registered by that name)."""
        return json.loads(_airm.list_models(self.path, name))["versions"]

    def dataset_versions(self, name: str) -> list[dict]:
        """The versions of one dataset; ValueError naming what exists."""
        return json.loads(_airm.list_datasets(self.path, name))["versions"]

    def register_dataset(self, file, *, name: str = "", source_uri: str = "",
                         tags=None) -> dict:
        """Record a file's content as a dataset version (`airm dataset
        register`); the same content under the same name is not written twice."""
        return json.loads(_airm.register_dataset(self.path, os.fspath(file), name, source_uri,
                                                 dict(tags or {})))

    def register_model(self, name: str, version: str, artifact, *, trained_by: str = "",
                       training_data=(), validation_data=(), test_data=(), card=None,
                       metrics=None, parameters=None) -> dict:
        """Record a model version (`airm model register`)."""
        return json.loads(_airm.register_model(
            self.path, name, version, os.fspath(artifact), trained_by, list(training_data),
            list(validation_data), list(test_data), os.fspath(card) if card else "",
            os.fspath(metrics) if metrics else "", dict(parameters or {})))

    def log_predictions(self, data, *, model: str = "", deployment_env: str = "",
                        name: str = "", id_column: str = "", time_column: str = "",
                        output_column: str = "", exclude_columns=(), schema=None,
                        store_features: bool = False) -> dict:
        """Record every row of a predictions file (`airm predictions log`), or
        of a DataFrame (or other in-memory table): its rows are logged the
        same way, the dataset version recorded by a digest of their values
        (no path), and errors name the 0-based row ("<DataFrame> row 3")."""
        from ._frames import as_input

        source = as_input(data, "<DataFrame>")
        if not isinstance(source, (str, _airm.Table)):
            raise ValueError("log_predictions needs rows (a DataFrame or a predictions file), "
                             "not a profile")
        return json.loads(_airm.log_predictions(
            self.path, source, model, deployment_env, name, id_column, time_column,
            output_column, list(exclude_columns), os.fspath(schema) if schema else "",
            store_features))

    def trace(self, prediction_id: str, *, as_of: str = "", verify_files: bool = True) -> dict:
        """Everything behind one prediction as of its time (`airm lineage
        trace --json`); ValueError for an unknown id."""
        return json.loads(_airm.trace(self.path, prediction_id, as_of, verify_files))
