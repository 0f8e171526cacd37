FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY requirements.lock .
RUN pip install uv && uv pip install --system -r requirements.lock
COPY . .
RUN useradd --create-home hub && mkdir -p var && chown -R hub var
USER hub
