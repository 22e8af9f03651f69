"""xAPI: the tutor's results as statements (export, submit folder, LRS push, import); no Textual here."""
