"""`vestnik eval`: measure every rule's detectors on the labelled data they apply to.

The tasks are an explicit list (`tasks.TASKS`): one per rule and data set,
each with a loader that yields labelled `Example`s. The runner
(`runner.run_task`) moderates every example with the real rulebook, the way
production does, and records the rule's score and each detector's score, so
a detector added to the rulebook (a trained head, say) is measured by every
task of its rule without any change here. `report.write_report` turns the
results into reports/eval/: report.md, results.json, a confusion matrix and a
precision-recall curve per task (PNG).

To add a task: write a loader in `datasets.py` and one `EvalTask(...)` line in
`tasks.py`.
"""
