#!/usr/bin/env bash
# Regenerates the EF Core compiled models of both providers (ADR 21) after any change to the model: an entity, a
# configuration in src/Infrastructure/Persistence/Configurations, a convention, Identity or Data Protection's
# entities. CompiledModelTests (tests/FakeShop.Application.Tests) fail until this has been run.
#
#   scripts/optimize-models.sh        # builds, then rewrites src/Infrastructure/Persistence/CompiledModels/{Postgres,Sqlite}
#
# Run it after `dotnet ef migrations add` (a model change needs a migration per provider too, ADR 4). The folders are
# replaced, so a removed entity type leaves no file behind.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# Removed first: the old files can stop compiling (a renamed entity class), and without them EF builds the model from
# OnModelCreating, which is what `optimize` has to read.
rm -rf src/Infrastructure/Persistence/CompiledModels/Postgres src/Infrastructure/Persistence/CompiledModels/Sqlite
dotnet build src/Web -nologo -v q
for provider in Postgres Sqlite; do
  dir=src/Infrastructure/Persistence/CompiledModels/$provider
  dotnet ef dbcontext optimize --no-build --project src/Infrastructure --startup-project src/Web \
    --context "${provider}ShopDbContext" --output-dir "Persistence/CompiledModels/$provider" \
    --namespace "FakeShop.Infrastructure.Persistence.CompiledModels.$provider" >/dev/null
  echo "$dir: $(ls "$dir" | wc -l) files"
done
