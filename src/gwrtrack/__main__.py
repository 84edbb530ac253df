from gwrtrack.cli import main

main()
