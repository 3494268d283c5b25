"""What the tests and the benchmarks share, so neither imports the other:
synthetic datasets (synthetic), a Streamlit server on a free loopback port
and Chromium's location (server), and opening a page as a deep link does
(apptest). Not part of the app: nothing in components/ or views/ imports it."""
