# The service-window bot (Servicefönster-boten) as a container.
#
#   docker build -t servicewindow-bot .
#   docker run -d --env-file bot.env -p 3978:3978 servicewindow-bot
#
# Configuration comes only from environment variables (see docs/deploy.md). The Teams app
# package is built outside the image (`python app.py manifest build` needs Node.js), so the
# image has no Node and no npm packages.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=3978

# A fixed, unprivileged user; the code stays owned by root so the bot cannot change it.
RUN groupadd --system --gid 10001 servicewindow \
    && useradd --system --uid 10001 --gid servicewindow --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin servicewindow

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Compile once at build time (the code is read-only at run time). The default SQLite database
# lives in ./data; it is the only directory the bot writes to. Use PostgreSQL in production.
RUN python -m compileall -q app.py bot cards manifest migrations \
    && mkdir -p /app/data \
    && chown servicewindow:servicewindow /app/data

USER 10001:10001

EXPOSE 3978

# No curl in the slim image: ask /healthz with Python. 200 only when the database answers
# and its migrations are at head; anything else (503, refused, timeout) fails the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('PORT') or '3978'; r = urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4); sys.exit(0 if r.status == 200 else 1)"]

# `serve` applies pending migrations, then serves POST /api/messages and GET /healthz.
# Exec form: Python is PID 1 and gets SIGTERM directly for a clean shutdown.
CMD ["python", "app.py", "serve"]
