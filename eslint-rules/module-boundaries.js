// Code outside a module may import it only through its index.ts (src/modules/<name>/index.ts).
import { dirname, relative, resolve, sep } from 'node:path';

const modulesRoot = resolve('src', 'modules');

function moduleOf(file) {
  const rel = relative(modulesRoot, file);
  if (rel.startsWith('..') || rel === '') return undefined;
  return rel.split(sep)[0];
}

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'import another module only through its index.ts' },
    messages: {
      deep: "Import module '{{name}}' through its index.ts ('{{suggestion}}'), not its internals.",
    },
    schema: [],
  },
  create(context) {
    const importer = context.filename;
    const importerModule = moduleOf(importer);
    function check(node) {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(importer), source);
      const targetModule = moduleOf(target);
      if (!targetModule || targetModule === importerModule) return;
      const entry = resolve(modulesRoot, targetModule, 'index.js');
      if (target === entry || target === resolve(modulesRoot, targetModule, 'index.ts')) return;
      const suggestion = relative(dirname(importer), entry).split(sep).join('/');
      context.report({
        node: node.source,
        messageId: 'deep',
        data: { name: targetModule, suggestion: suggestion.startsWith('.') ? suggestion : `./${suggestion}` },
      });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
