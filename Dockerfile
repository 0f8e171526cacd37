FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY requirements.lock .
RUN pip install uv && uv pip install --system -r requirements.lock
COPY . .
# The volumes mounted below var/ take this ownership when first created (see docker-compose.yml).
RUN useradd --create-home hub && mkdir -p var/media var/private var/static && chown -R hub var
USER hub
