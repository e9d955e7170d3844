// A parsed body as React elements: every string goes in as a text child, every href was checked by
// safeHref. There is no HTML string anywhere on this path.
import type { ReactNode } from 'react';
import type { BlockNode, InlineNode } from '@/lib/messages/markdown';
import mentionStyles from '../MessageItem.module.scss';
import { CodeBlock } from './CodeBlock';
import styles from './Markdown.module.scss';

type Props = { blocks: BlockNode[]; meUsername?: string };

function Inline({ nodes, me }: { nodes: InlineNode[]; me: string | undefined }): ReactNode {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'mention':
        return (
          <span key={i} className={[mentionStyles.mention, node.username === me && styles.mentionMe].filter(Boolean).join(' ')} data-username={node.username}>
            {node.text}
          </span>
        );
      case 'code':
        return (
          <code key={i} className={styles.code}>
            {node.text}
          </code>
        );
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            <Inline nodes={node.children} me={me} />
          </a>
        );
      default: {
        const Tag = node.type === 'strike' ? 's' : node.type;
        return (
          <Tag key={i}>
            <Inline nodes={node.children} me={me} />
          </Tag>
        );
      }
    }
  });
}

function Blocks({ blocks, me }: { blocks: BlockNode[]; me: string | undefined }): ReactNode {
  return blocks.map((block, i) => {
    switch (block.type) {
      case 'paragraph':
        return block.tight ? (
          <Inline key={i} nodes={block.children} me={me} />
        ) : (
          <p key={i}>
            <Inline nodes={block.children} me={me} />
          </p>
        );
      case 'codeBlock':
        return <CodeBlock key={i} text={block.text} language={block.language} />;
      case 'quote':
        return (
          <blockquote key={i}>
            <Blocks blocks={block.children} me={me} />
          </blockquote>
        );
      case 'list': {
        const items = block.items.map((item, n) => (
          <li key={n}>
            <Blocks blocks={item} me={me} />
          </li>
        ));
        return block.ordered ? (
          <ol key={i} start={block.start ?? undefined}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      }
    }
  });
}

export function Markdown({ blocks, meUsername }: Props) {
  return (
    <div className={styles.markdown}>
      <Blocks blocks={blocks} me={meUsername?.toLowerCase()} />
    </div>
  );
}
