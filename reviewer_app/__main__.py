from reviewer_app.cli import run

run()
