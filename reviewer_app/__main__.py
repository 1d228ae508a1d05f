from reviewer_app.entry import run

run()
