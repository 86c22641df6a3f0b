"""Adapters to the places graders already use: TRL and verl (rewards for RL training),
PrairieLearn and Gradescope (course platforms), and notebooks (`tutor.assert_correct`).

Each is a small module, imported on its own (``from tutor.adapters import trl``); none needs
the platform installed, because each speaks only the platform's documented data shapes.
"""
