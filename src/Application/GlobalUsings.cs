// The namespaces nearly every use case imports (requests, handlers, validators, the unit of work, domain basics):
// one place for what every file needs instead of the same block atop each of them. Layer rules are unaffected: a
// using creates no reference; the architecture tests check the compiled dependencies.
global using FakeShop.Application.Common;
global using FakeShop.Application.Common.Abstractions;
global using FakeShop.Domain.Common;
global using FakeShop.Domain.Ordering;
global using FluentValidation;
global using Mediator;
global using Microsoft.EntityFrameworkCore;
