"""The tracker store of an endpoints file, read as the Rasa server reads it."""

import pytest
import yaml

from tools.store_endpoint import StoreError, database_exists, port_of, store_config, store_label


def endpoints(tmp_path, store):
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump({"tracker_store": store}), encoding="utf-8")
    return str(path)


def test_environment_values_feed_the_settings_and_the_label_never_shows_the_password(tmp_path, monkeypatch):
    monkeypatch.setenv("DB_PASSWORD", "s3cret-value")
    path = tmp_path / "endpoints.yml"
    path.write_text("tracker_store:\n  type: server.store.conversation_store.ConversationStore\n  dialect: postgresql\n"
                    "  url: db.example.internal\n  port: 5433\n  db: rasa\n  username: rasa\n  password: ${DB_PASSWORD}\n",
                    encoding="utf-8")
    config = store_config(str(path))
    assert config.kwargs["password"] == "s3cret-value" and port_of(config) == 5433
    assert store_label(config) == "postgresql://db.example.internal:5433/rasa"
    assert database_exists(config), "a server is asked, not the disk"


def test_a_sqlite_file_not_yet_created_does_not_exist(tmp_path):
    config = store_config(endpoints(tmp_path, {"type": "SQL", "db": str(tmp_path / "later.db")}))
    assert store_label(config) == f"sqlite:{tmp_path / 'later.db'}" and not database_exists(config)
    (tmp_path / "later.db").touch()
    assert database_exists(config)


def test_only_an_sql_store_is_accepted(tmp_path):
    with pytest.raises(StoreError, match="has no SQL tracker store"):
        store_config(endpoints(tmp_path, {"type": "redis", "url": "localhost"}))
    with pytest.raises(StoreError, match="no endpoints file at"):
        store_config(str(tmp_path / "missing.yml"))
