FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# libpq for PostgreSQL; Pango is what WeasyPrint draws briefing PDFs with (without it the
# briefing pages quietly offer no PDF).
RUN apt-get update \
  && apt-get install -y --no-install-recommends libpq5 libpango-1.0-0 libpangoft2-1.0-0 \
  && rm -rf /var/lib/apt/lists/*
# Production packages only: the test and lint tools are in requirements-dev.lock, never here.
COPY requirements.lock .
RUN pip install uv && uv pip install --system -r requirements.lock && pip uninstall -y uv
COPY . .
# The volumes mounted below var/ take this ownership when first created (see docker-compose.yml).
RUN useradd --create-home hub && mkdir -p var/media var/private var/static && chown -R hub var
USER hub
