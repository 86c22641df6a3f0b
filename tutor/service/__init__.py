"""The HTTP service (``tutor serve``, the optional extra ``tutor[serve]``): checking for graders
not written in Python (Moodle/PHP, Java, JavaScript front ends).

An ASGI app on Starlette, run by uvicorn. Starlette rather than FastAPI: the contract is
already a JSON Schema (`tutor.grading.schema`), so the OpenAPI document is built from it
directly instead of being declared a second time as pydantic models, and the service stays
two small pure-Python dependencies. Every check goes through the program's one worker pool
(`tutor.check_many`), so each request keeps its time budget and a hostile answer never blocks
the event loop.
"""
