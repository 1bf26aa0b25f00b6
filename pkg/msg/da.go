package msg

// danish is the Danish of each message, keyed by its English format. A format and its Danish
// have the same verbs in the same order (or with explicit indexes), and every English format
// in the code has its Danish: da_test.go checks both, and says what to add.
var danish = map[string]string{}
