// TypeDoc plugin: members of types TypeScript infers (a zod schema's shape, `z.infer<...>` aliases,
// `as const` lists, the option fields `withOptions` adds to a class) have no declaration a doc
// comment could go on; the project describes schema fields with zod's `.describe()`, which TypeDoc
// does not read. They are exempt from `validation.notDocumented`, which then covers what the source
// declares: exported functions, classes, interfaces, type aliases, variables, and the members of
// classes and interfaces.
import ts from 'typescript';
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    const required = app.options.getValue('packagesRequiringDocumentation');
    const exempt = project
      .getReflectionsByKind(ReflectionKind.Property | ReflectionKind.Method)
      .filter(
        (member) =>
          (member.parent?.kindOf(ReflectionKind.TypeLiteral) || fromObjectLiteral(context, member)) &&
          !member.hasComment() &&
          !insideParameter(member) &&
          required.includes(project.getSymbolIdFromReflection(member)?.packageName),
      )
      .map((member) => member.getFriendlyFullName());
    const declared = app.options.getValue('intentionallyNotDocumented');
    app.options.setValue('intentionallyNotDocumented', [...new Set([...declared, ...exempt])]);
  });
}

/**
 * A member declared by an object literal: a zod schema's field that `withOptions` turns into a
 * read-only property of the class (the field's `.describe()` documents it), or a `const` object's key.
 */
function fromObjectLiteral(context, member) {
  const declarations = context.getSymbolFromReflection(member)?.declarations ?? [];
  return (
    declarations.length > 0 &&
    declarations.every((d) => ts.isPropertyAssignment(d) || ts.isShorthandPropertyAssignment(d))
  );
}

/** TypeDoc does not require comments inside a parameter's type; exempting those would be reported as unused. */
function insideParameter(reflection) {
  for (let r = reflection.parent; r; r = r.parent) if (r.kindOf(ReflectionKind.Parameter)) return true;
  return false;
}
