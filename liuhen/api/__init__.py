"""The REST API (`/api/v1/`, OpenAPI at `/api/v1/openapi.json`): thin endpoints over the services,
authenticated by a personal or device token (or the browser's session), scoped by `access_*`."""
