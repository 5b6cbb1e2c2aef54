using FakeShop.Cosign;

return await CosignCli.RunAsync(args, CommandContext.FromConsole());
