"""Reads ["service", "operation"] pairs as JSON on stdin and prints, per pair, the options the installed
AWS CLI accepts for it (its own argument tables, customizations and global options included), or why it
is not a command. Used by operations-runbook.test.ts: one process instead of one `aws … help` each."""
import json
import sys

from awscli.clidriver import create_clidriver

driver = create_clidriver()
services = driver._get_command_table()
global_options = ["--" + name for name in driver._get_argument_table()]
answer = {}
for service, operation in json.load(sys.stdin):
    key = service + " " + operation
    try:
        command = services[service]
        for part in operation.split(" "):
            table = command.subcommand_table if hasattr(command, "subcommand_table") else command._get_command_table()
            command = table[part]
        options = []
        for name, argument in command.arg_table.items():
            options.append("--" + name)
            negative = getattr(argument, "_negative_name", None)
            if negative:
                options.append("--" + negative)
        answer[key] = sorted(options + global_options)
    except KeyError as missing:
        answer[key] = "no such command: " + str(missing)
print(json.dumps(answer))
