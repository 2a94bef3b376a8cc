using Mosmos.Cli;

// The verbs of ./mosmos that run in .NET; each lives in its own file and adds itself here.
CliVerb[] verbs =
[
    DicomJsonVerb.Verb,
    PhantomVerb.Verb,
];

return CliVerb.Dispatch(verbs, args, CliConsole.Standard);
