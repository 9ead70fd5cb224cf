"""The moderators' console and the blocked user's pages. Thin: parse, call, render."""
