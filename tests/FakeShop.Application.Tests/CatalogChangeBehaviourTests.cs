using FakeShop.Application.Common.Abstractions;
using FakeShop.Application.Common.Behaviours;

namespace FakeShop.Application.Tests;

/// <summary>
/// CatalogChangeBehaviour on its own (no database): the signal comes after the handler has finished (its commit),
/// only for marked commands, and never for one that failed.
/// </summary>
public sealed class CatalogChangeBehaviourTests
{
    [Fact]
    public async Task A_marked_command_signals_once_after_its_handler_has_finished()
    {
        var observer = new RecordingObserver();
        var behaviour = new CatalogChangeBehaviour<ChangingCommand, int>([observer]);
        var handlerFinished = false;

        var result = await behaviour.Handle(new ChangingCommand(), async (_, _) =>
        {
            await Task.Yield();
            Assert.Equal(0, observer.Changes); // nothing is signalled while the handler (and its transaction) runs
            handlerFinished = true;
            return 42;
        }, CancellationToken.None);

        Assert.Equal(42, result);
        Assert.True(handlerFinished);
        Assert.Equal(1, observer.Changes);
    }

    [Fact]
    public async Task A_failed_command_signals_nothing()
    {
        var observer = new RecordingObserver();
        var behaviour = new CatalogChangeBehaviour<ChangingCommand, int>([observer]);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await behaviour.Handle(new ChangingCommand(), (_, _) => throw new InvalidOperationException("refused"), CancellationToken.None));

        Assert.Equal(0, observer.Changes);
    }

    [Fact]
    public async Task An_unmarked_command_signals_nothing()
    {
        var observer = new RecordingObserver();
        var behaviour = new CatalogChangeBehaviour<PlainCommand, int>([observer]);

        await behaviour.Handle(new PlainCommand(), (_, _) => ValueTask.FromResult(1), CancellationToken.None);

        Assert.Equal(0, observer.Changes);
    }

    public sealed record ChangingCommand : ICommand<int>, IChangesCatalog;

    public sealed record PlainCommand : ICommand<int>;

    private sealed class RecordingObserver : ICatalogChangeObserver
    {
        public int Changes { get; private set; }

        public void CatalogChanged() => Changes++;

        public void ChangeFeedLost()
        {
        }

        public void ChangeFeedRestored()
        {
        }
    }
}
