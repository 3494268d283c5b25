# Stancemap: one app replica. Build: docker build -t stancemap .
# Run:   docker run -p 8501:8501 stancemap
# Own dataset: docker run -p 8501:8501 -v /path/to/dataset:/dataset:ro -e STANCEMAP_DATASET=/dataset stancemap
# Several replicas behind HAProxy: compose.yaml; Kubernetes: deploy/k8s/.
FROM python:3.11.7-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Pinned runtime requirements only (no test tools, no browser).
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin stancemap

COPY .streamlit ./.streamlit
COPY app.py serve.py ./
COPY components ./components
COPY views ./views
COPY assets ./assets
COPY data ./data

# The shipped dataset unless a mounted one is named; settings for a server.
ENV STANCEMAP_DATASET=/app/data \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    HOME=/tmp

USER 10001
EXPOSE 8501

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# serve.py: streamlit run app.py, with the imports warmed and TCP_NODELAY set.
CMD ["python", "serve.py"]
