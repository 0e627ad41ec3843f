// Placeholder: the tests of the pages it is named for.
