"""Search relevance benchmark (issue 16 item 5): see __main__.py."""
