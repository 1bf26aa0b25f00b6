package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// usageTemplate is Cobra's usage template with the examples moved to the end, so that every
// --help ends with them, where a reader's eye lands after the flags.
const usageTemplate = `Usage:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

Aliases:
  {{.NameAndAliases}}{{end}}{{if .HasAvailableSubCommands}}{{$cmds := .Commands}}{{if eq (len .Groups) 0}}

Available Commands:{{range $cmds}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{else}}{{range $group := .Groups}}

{{.Title}}{{range $cmds}}{{if (and (eq .GroupID $group.ID) (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if not .AllChildCommandsHaveGroup}}

Additional Commands:{{range $cmds}}{{if (and (eq .GroupID "") (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Global Flags:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

Additional help topics:{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} [command] --help" for more information about a command.{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}
`

// builtinExamples are the examples of the commands Cobra makes, help and completion, by their
// path below budget.
var builtinExamples = map[string]string{
	"help": `  budget help
  budget help show
  budget help completion bash`,
	"completion": `  source <(budget completion bash)
  budget completion zsh > "${fpath[1]}/_budget"
  budget completion fish > ~/.config/fish/completions/budget.fish
  budget completion powershell | Out-String | Invoke-Expression`,
	"completion bash": `  source <(budget completion bash)
  budget completion bash > /etc/bash_completion.d/budget
  budget completion bash --no-descriptions > ~/.local/share/bash-completion/completions/budget`,
	"completion zsh": `  source <(budget completion zsh)
  budget completion zsh > "${fpath[1]}/_budget"`,
	"completion fish": `  budget completion fish | source
  budget completion fish > ~/.config/fish/completions/budget.fish`,
	"completion powershell": `  budget completion powershell | Out-String | Invoke-Expression
  budget completion powershell >> $PROFILE`,
}

// addHelp makes Cobra's help and completion commands now rather than when the root runs, so
// that they get examples, and makes every --help end with the examples.
func addHelp(root *cobra.Command) {
	root.SetUsageTemplate(usageTemplate)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for path, example := range builtinExamples {
		if cmd, _, err := root.Find(strings.Fields(path)); err == nil && cmd != root {
			cmd.Example = example
		}
	}
}
