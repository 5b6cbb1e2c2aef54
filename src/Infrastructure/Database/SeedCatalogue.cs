namespace FakeShop.Infrastructure.Database;

/// <summary>The demo catalogue: streaming and creator gear, like the original shop's, with prices in BRL.</summary>
internal static class SeedCatalogue
{
    public static readonly (string Slug, string Name)[] Categories =
    [
        ("cameras", "Câmeras"),
        ("audio", "Áudio"),
        ("computers", "Computadores"),
        ("streaming", "Streaming"),
    ];

    public static readonly SeedProduct[] Products =
    [
        new("webcam-4k-ultra", "Webcam 4K Ultra", "cameras", 899.90m, 25,
            "Webcam 4K a 30 fps com foco automático e dois microfones.",
            "Sensor de 8 MP com HDR, campo de visão ajustável entre 65° e 90° e tampa de privacidade. Conecta por USB-C e funciona sem drivers no Windows, macOS e Linux."),
        new("camera-dslr-pro", "Câmera DSLR Pro 24 MP", "cameras", 5499.00m, 6,
            "DSLR de 24 MP com lente 18-55 mm e saída HDMI limpa.",
            "Grava em Full HD a 60 fps, tem tela articulada e saída HDMI limpa para usar como câmera de transmissão. Acompanha bateria, carregador e alça."),
        new("action-cam-go", "Câmera de Ação Go", "cameras", 1299.00m, 14,
            "Câmera de ação à prova d'água até 10 m, com estabilização.",
            "Vídeo 4K a 60 fps, estabilização eletrônica, duas telas e suporte para capacete. Ideal para gravar trilhas e esportes."),
        new("headphone-bluetooth-anc", "Fone Bluetooth com Cancelamento de Ruído", "audio", 749.90m, 40,
            "Fone over-ear com ANC e 30 horas de bateria.",
            "Cancelamento ativo de ruído, modo ambiente, conexão simultânea com dois aparelhos e carregamento rápido: 10 minutos rendem 5 horas."),
        new("microfone-lapela-sem-fio", "Microfones de Lapela Sem Fio (par)", "audio", 689.00m, 18,
            "Dois transmissores de lapela e um receptor USB-C e P2.",
            "Alcance de até 100 m em campo aberto, gravação interna de segurança e estojo carregador. Compatível com celulares, câmeras e computadores."),
        new("microfone-condensador-usb", "Microfone Condensador USB", "audio", 459.90m, 30,
            "Microfone cardioide USB com monitoramento sem latência.",
            "Cápsula de 16 mm, 24 bits / 96 kHz, botão de mudo com indicador e saída para fone. Acompanha braço articulado e filtro pop."),
        new("caixa-som-portatil", "Caixa de Som Portátil", "audio", 329.00m, 22,
            "Caixa Bluetooth resistente à água com 12 horas de bateria.",
            "Som estéreo de 20 W, certificação IP67 e função de parear duas caixas. Leve para qualquer lugar."),
        new("notebook-creator-16", "Notebook Creator 16\"", "computers", 12999.00m, 5,
            "16 polegadas, 32 GB de RAM e placa de vídeo dedicada.",
            "Tela 2.5K de 165 Hz com 100% DCI-P3, processador de 14 núcleos, SSD de 1 TB e GPU com 8 GB para edição de vídeo e transmissões."),
        new("notebook-ultrafino-14", "Notebook Ultrafino 14\"", "computers", 5899.00m, 12,
            "Leve, 1,2 kg, com 16 GB de RAM e bateria para o dia todo.",
            "Tela de 14 polegadas Full HD+, SSD de 512 GB, webcam 1080p e duas portas USB-C com carregamento."),
        new("smartphone-x12", "Smartphone X12 256 GB", "computers", 3499.00m, 20,
            "Tela AMOLED de 6,5\", câmera tripla de 50 MP e 5G.",
            "256 GB de armazenamento, 8 GB de RAM, bateria de 5000 mAh com carregamento de 45 W e gravação em 4K."),
        new("monitor-27-4k", "Monitor 27\" 4K", "computers", 2199.00m, 9,
            "Monitor IPS 4K com USB-C de 65 W.",
            "Cores calibradas de fábrica, HDR400, ajuste de altura e uma única conexão USB-C para imagem, dados e carga do notebook."),
        new("stream-deck-15", "Stream Deck 15 Teclas", "streaming", 1149.00m, 16,
            "15 teclas LCD personalizáveis para controlar sua live.",
            "Troque cenas, dispare efeitos e controle o áudio com um toque. Cada tecla mostra o próprio ícone; integra com os principais programas de transmissão."),
        new("placa-captura-4k", "Placa de Captura 4K", "streaming", 1599.00m, 8,
            "Captura 4K60 com passagem HDR, conexão USB 3.",
            "Capture console ou câmera sem atraso perceptível, com passagem 4K HDR para a TV e gravação direta no computador."),
        new("ring-light-18", "Ring Light 18\"", "streaming", 279.90m, 35,
            "Iluminação circular regulável com tripé de 2 m.",
            "Temperatura de cor de 3200 K a 5600 K, dez níveis de brilho, suporte para celular e controle remoto Bluetooth."),
        new("braco-articulado-mic", "Braço Articulado para Microfone", "streaming", 189.00m, 0,
            "Braço de mesa com molas internas e passagem de cabo.",
            "Alcance de 80 cm, rosca padrão 5/8\" com adaptador 3/8\" e fixação por grampo. No momento sem estoque."),
    ];
}

internal sealed record SeedProduct(string Slug, string Name, string Category, decimal Price, int Stock, string Short, string Description);
