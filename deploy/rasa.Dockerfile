# syntax=docker/dockerfile:1.6
# The Rasa server: Rasa 3.6 from uv.lock, this project's components (server/, common/, safety/,
# content/), the production endpoints and channels (deploy/), and one trained model.
# Build from the repository root after `make train`:
#   docker build -f deploy/rasa.Dockerfile \
#     --build-arg MODEL="$(ls -t models/*.tar.gz | head -1)" -t liver-insight-rasa .
# rasa.Dockerfile.dockerignore keeps the context to the files copied below.

FROM python:3.10-slim AS dependencies
ENV UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON=/usr/local/bin/python3.10 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
# The locked versions only (--frozen), without the test tools (--no-dev).
RUN uv sync --frozen --no-dev --no-cache

FROM python:3.10-slim
ARG MODEL=models
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONHASHSEED=0 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    RASA_TELEMETRY_ENABLED=false \
    HOME=/home/rasa
RUN useradd --create-home --uid 1001 --user-group rasa
COPY --from=dependencies /opt/venv /opt/venv
WORKDIR /app
COPY config.yml domain.yml ./
COPY server/ server/
COPY common/ common/
COPY safety/ safety/
COPY content/ content/
COPY deploy/endpoints.yml deploy/credentials.yml deploy/
COPY ${MODEL} models/
USER rasa
EXPOSE 5005
# The HTTP API (trackers, events) is on only when RASA_AUTH_TOKEN is set, and then only
# for that token, which server/launch.py reads from the environment (never the command
# line, which `ps` shows). CORS_ORIGINS: the sites whose pages may open the socket.io
# channel, separated by spaces (set -f: never expanded as file names).
CMD ["sh", "-c", "set -f; exec python -m server.launch --port 5005 --model models --endpoints deploy/endpoints.yml --credentials deploy/credentials.yml ${CORS_ORIGINS:+--cors $CORS_ORIGINS}"]
