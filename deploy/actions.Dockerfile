# syntax=docker/dockerfile:1.6
# The action server: rasa-sdk and PyYAML only (the `actions` group of pyproject.toml, from
# the same uv.lock), without Rasa or TensorFlow. The actions read the topics from content/
# and share common/ (the content model and names) with the Rasa server.
# Build from the repository root:
#   docker build -f deploy/actions.Dockerfile -t liver-insight-actions .

FROM python:3.10-slim AS dependencies
ENV UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON=/usr/local/bin/python3.10 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
# Only the `actions` group, at the locked versions (--frozen): the project's own
# dependencies (Rasa, TensorFlow, spaCy) and the test tools stay out.
RUN uv sync --frozen --only-group actions --no-cache

FROM python:3.10-slim
# SANIC_KEEP_ALIVE_TIMEOUT: Sanic closes a connection that has sent nothing for this long
# (5 s by default), a fresh one included. Rasa opens a connection for each call; a Rasa
# server busy for 5 s between connecting and writing found it closed ("Cannot write to
# closing transport") and the user got the apology. It must outlast the action timeout of
# endpoints.yml (10 s), after which Rasa gives up on the call anyway.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HOME=/home/actions \
    SANIC_KEEP_ALIVE_TIMEOUT=75
RUN useradd --create-home --uid 1001 --user-group actions
COPY --from=dependencies /opt/venv /opt/venv
WORKDIR /app
COPY actions/ actions/
COPY common/ common/
COPY content/ content/
USER actions
EXPOSE 5055
# rasa-sdk's own server (`rasa run actions` is Rasa's command line, which is not here).
CMD ["python", "-m", "rasa_sdk", "--actions", "actions", "--port", "5055"]
