# syntax=docker/dockerfile:1.6
# The action server: rasa-sdk and the project's actions from the same uv.lock. The
# actions read the topics from content/ and share common/ (the content model and names) with the Rasa server.
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
# Same step as deploy/rasa.Dockerfile, so the two images share this layer.
RUN uv sync --frozen --no-dev --no-cache

FROM python:3.10-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    RASA_TELEMETRY_ENABLED=false \
    HOME=/home/actions
RUN useradd --create-home --uid 1001 --user-group actions
COPY --from=dependencies /opt/venv /opt/venv
WORKDIR /app
COPY actions/ actions/
COPY common/ common/
COPY content/ content/
USER actions
EXPOSE 5055
CMD ["rasa", "run", "actions", "--port", "5055"]
