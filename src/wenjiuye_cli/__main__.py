from wenjiuye_cli.cli import main

main()
